// @module-tag resilience
import type { TokenServer } from "@authdeck/test-support";
import { describe, expect, it } from "vitest";
import { createAddressPolicy, sendRequest, TransportFailure } from "../../src/http/index.ts";
import { QUICK_LIMITS, testProfile, useTokenRunKit } from "../token-runs.ts";

// The internal service an attacker would aim at: it must never see a request unless allowed.
let internal: TokenServer;
const kit = useTokenRunKit("egress", async (serveForFile) => {
  internal = await serveForFile({ hosts: ["127.0.0.1", "::1"] });
});

const LOOPBACK_RULES = ["127.0.0.0/8", "::1/128", "localhost"];
const profile = (host: string, path = "/ok/token") => ({
  name: `Egress ${host}`,
  identityProviderName: "Internal",
  clientId: "client-1",
  clientSecret: "egress-secret",
  tokenRequestUrl: `http://${host}:${internal.port}${path}`,
  scopes: [],
});

/** Runs a test of `host` and checks that the internal server saw nothing of it. */
async function refused(host: string, egressAllow: string[] = []) {
  const before = internal.requests.length;
  const outcome = await testProfile(kit, profile(host), { egressAllow });
  expect(outcome.run).toMatchObject({
    status: "failed",
    errorClass: "blocked_destination",
    httpAttempts: 1,
    responseStatus: null,
  });
  expect(outcome.sleeps).toEqual([]);
  expect(internal.requests.length).toBe(before);
  return outcome.run;
}

/** `refused`, with the verdict that names the address as the egress rules saw it. */
async function refusedAsNotPublic(host: string, shown: string, egressAllow: string[] = []) {
  const run = await refused(host, egressAllow);
  expect(run.errorMessage).toBe(`${shown} is not a public address, and no egress rule allows it`);
  return run;
}

// Each of these notations reaches the internal server when only host names are checked.
const LOOPBACK: Array<[string, string]> = [
  ["127.0.0.1", "127.0.0.1"],
  ["2130706433", "127.0.0.1"],
  ["0177.0.0.1", "127.0.0.1"],
  ["0x7f.1", "127.0.0.1"],
  ["127.1", "127.0.0.1"],
  ["[::1]", "::1"],
  ["[::ffff:127.0.0.1]", "::ffff:7f00:1"],
];

describe("a token URL aimed at an internal address", () => {
  it.each(LOOPBACK)(
    "is refused for %s before anything is sent",
    async (host, shown) => {
      await refusedAsNotPublic(host, shown);
    },
    15_000,
  );

  it.each([
    ["0.0.0.0", "0.0.0.0"],
    ["0", "0.0.0.0"],
    ["[::]", "::"],
  ])(
    "is refused for %s, even once loopback is allowed",
    async (host, shown) => {
      const run = await refused(host, LOOPBACK_RULES);
      expect(run.errorMessage).toBe(
        `${shown} is an unspecified, broadcast or multicast address, which no rule can open`,
      );
    },
    15_000,
  );

  it("is refused for a host name that resolves to loopback, at connect time", async () => {
    const run = await refused("localhost");
    expect(run.errorMessage).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), which is not a public address, and no egress rule allows it$/,
    );
  }, 15_000);

  it("is refused for a literal address when only a host name is allowed", async () => {
    await refused("127.0.0.1", ["localhost"]);
  }, 15_000);

  // No server listens on these and none may be contacted: the guard must refuse before connecting.
  it.each([
    ["10.0.0.1", "10.0.0.1"],
    ["172.16.0.1", "172.16.0.1"],
    ["192.168.0.1", "192.168.0.1"],
    ["100.64.0.1", "100.64.0.1"],
  ])(
    "is refused for %s without connecting",
    async (host, shown) => {
      // The policy is checked on its own first, so a broken policy fails here without a packet sent.
      expect(createAddressPolicy(LOOPBACK_RULES).refusal(shown)).not.toBeNull();
      const run = await refusedAsNotPublic(host, shown, LOOPBACK_RULES);
      expect(run.durationMs).toBeLessThan(QUICK_LIMITS.connectMs);
    },
    15_000,
  );

  it("is refused when a provider redirects to it, and the redirect is not followed", async () => {
    const before = internal.requests.length;
    const target = `${internal.url}/ok/token`;
    const front = await kit.serve({ redirectTo: target, hosts: ["127.0.0.1", "::1"] });
    // The front server is allowed on ::1 only; the internal one, on 127.0.0.1, is not.
    const { run } = await testProfile(
      kit,
      { ...profile("[::1]"), tokenRequestUrl: `http://[::1]:${front.port}/redirect/token` },
      { egressAllow: ["::1/128"] },
    );
    expect(run).toMatchObject({
      status: "failed",
      errorClass: "redirect_not_followed",
      responseStatus: 302,
    });
    expect(run.errorMessage).toContain(`pointed to ${target}`);
    expect(front.requests).toHaveLength(1);
    expect(internal.requests.length).toBe(before);
  }, 15_000);

  it.each([
    ["ftp://127.0.0.1/token", "Only http and https token URLs are allowed, not ftp:"],
    ["http://user:pass@127.0.0.1/token", "Token URLs must not carry a user name or password"],
  ])(
    "is refused for %s, which the profile form would not save either",
    async (raw, message) => {
      const url = raw.replace("127.0.0.1", `127.0.0.1:${internal.port}`);
      const before = internal.requests.length;
      const sent = sendRequest(
        { method: "POST", url, headers: [], body: "" },
        { policy: createAddressPolicy(LOOPBACK_RULES), limits: QUICK_LIMITS },
      );
      await expect(sent).rejects.toThrow(TransportFailure);
      await expect(sent).rejects.toMatchObject({ kind: "blocked_destination", message });
      expect(internal.requests.length).toBe(before);
    },
    15_000,
  );
});

// IPv6 forms that carry an IPv4 address, or lie outside the global unicast block 2000::/3.
const IPV6_FORMS: Array<[string, string]> = [
  ["[::127.0.0.1]", "::7f00:1"], // IPv4-compatible loopback
  ["[::ffff:0:7f00:1]", "::ffff:0:7f00:1"], // IPv4-translated (RFC 6145)
  ["[64:ff9b::7f00:1]", "64:ff9b::7f00:1"], // NAT64 (RFC 6052)
  ["[64:ff9b:1::7f00:1]", "64:ff9b:1::7f00:1"], // local-use NAT64 (RFC 8215)
  ["[2002:7f00:1::1]", "2002:7f00:1::1"], // 6to4 of 127.0.0.1
  ["[2001:0:4136:e378:8000:63bf:80ff:fffe]", "2001:0:4136:e378:8000:63bf:80ff:fffe"], // Teredo
  ["[2001:db8::1]", "2001:db8::1"], // documentation
  ["[100::1]", "100::1"], // discard
  ["[4000::1]", "4000::1"], // outside 2000::/3
  ["[fc00::1]", "fc00::1"], // unique local
];

describe("an IPv6 address outside the public unicast space", () => {
  it.each(IPV6_FORMS)(
    "is refused for %s before anything is sent",
    async (host, shown) => {
      const run = await refusedAsNotPublic(host, shown);
      expect(run.durationMs).toBeLessThan(QUICK_LIMITS.connectMs);
    },
    15_000,
  );
});

// Each of these sits inside a range an operator might well open for an internal network; the
// range must not open it. No server listens on them: the guard must refuse before connecting.
const METADATA: Array<[string, string, string]> = [
  ["169.254.169.254", "169.254.169.254", "169.0.0.0/8"],
  ["[::a9fe:a9fe]", "::a9fe:a9fe", "169.0.0.0/8"],
  ["[::ffff:169.254.169.254]", "::ffff:a9fe:a9fe", "169.0.0.0/8"],
  ["[64:ff9b::a9fe:a9fe]", "64:ff9b::a9fe:a9fe", "169.0.0.0/8"],
  ["169.254.170.2", "169.254.170.2", "169.0.0.0/8"],
  ["168.63.129.16", "168.63.129.16", "168.0.0.0/8"],
  ["100.100.100.200", "100.100.100.200", "100.64.0.0/10"],
  ["192.0.0.192", "192.0.0.192", "192.0.0.0/24"],
  ["[fd00:ec2::254]", "fd00:ec2::254", "fd00::/8"],
  ["[fd20:ce::254]", "fd20:ce::254", "fd00::/8"],
  ["[fd00:42::42]", "fd00:42::42", "fd00::/8"],
];

describe("a cloud metadata address", () => {
  it.each(METADATA)(
    "is refused for %s (%s), also when the deployment allows %s",
    async (host, shown, range) => {
      for (const egressAllow of [[range], []]) {
        const run = await refused(host, egressAllow);
        expect(run.errorMessage).toBe(
          `${shown} is a link-local or cloud metadata address; only an operator rule naming this exact address allows it`,
        );
        expect(run.durationMs).toBeLessThan(QUICK_LIMITS.connectMs);
      }
    },
    15_000,
  );

  it.each([
    ["metadata.google.internal", "metadata.google.internal"],
    ["METADATA.GOOGLE.INTERNAL.", "metadata.google.internal"],
    ["metadata.goog", "metadata.goog"],
    ["metadata", "metadata"],
    ["instance-data.ec2.internal", "instance-data.ec2.internal"],
    ["metadata.tencentyun.com", "metadata.tencentyun.com"],
    ["computemetadata.metadata.google.internal", "computemetadata.metadata.google.internal"],
  ])(
    "is refused by name for %s before any lookup",
    async (host, shown) => {
      const run = await refused(host, ["169.0.0.0/8"]);
      expect(run.errorMessage).toBe(
        `${shown} is a cloud metadata host name; only an operator rule naming it allows it`,
      );
    },
    15_000,
  );
});

describe("a host name the deployment allows", () => {
  it("is still checked against every address it resolves to", async () => {
    const run = await refused("localhost", ["localhost"]);
    expect(run.errorMessage).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address: only an address rule opens loopback, not a host name rule$/,
    );
  }, 15_000);
});

describe("an internal address the operator allowed", () => {
  it.each([...LOOPBACK, ["localhost", ""]])(
    "is reached for %s",
    async (host) => {
      const before = internal.requests.length;
      const { run } = await testProfile(kit, profile(host), { egressAllow: LOOPBACK_RULES });
      expect(run).toMatchObject({ status: "succeeded", responseStatus: 200 });
      expect(internal.requests.length).toBe(before + 1);
    },
    15_000,
  );

  it("is reached by host name when its addresses are allowed, checked in the lookup", async () => {
    const before = internal.requests.length;
    const { run } = await testProfile(kit, profile("localhost"), {
      egressAllow: ["127.0.0.0/8", "::1/128"],
    });
    expect(run.status).toBe("succeeded");
    expect(internal.requests.length).toBe(before + 1);
  }, 15_000);
});
