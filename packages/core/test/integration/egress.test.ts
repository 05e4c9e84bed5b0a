import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAddressPolicy, sendRequest, TransportFailure } from "../../src/http/index.ts";
import { startTokenServer, type TokenServer } from "../../src/testing/index.ts";
import {
  openTokenRunKit,
  QUICK_LIMITS,
  queueRun,
  runQueued,
  type TokenRunKit,
  testProfile,
} from "../token-runs.ts";

let kit: TokenRunKit;
// The internal service an attacker would aim at: it must never see a request unless allowed.
let internal: TokenServer;

beforeAll(async () => {
  kit = await openTokenRunKit("egress");
  internal = await startTokenServer({ hosts: ["127.0.0.1", "::1"] });
});
afterAll(async () => {
  await internal?.close();
  await kit?.close();
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
    attempts: 1,
    responseStatus: null,
  });
  expect(outcome.sleeps).toEqual([]);
  expect(internal.requests.length).toBe(before);
  return outcome.run;
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
      const run = await refused(host);
      expect(run.errorMessage).toBe(`${shown} is not a public address; an admin can allow it`);
    },
    5_000,
  );

  it.each([
    ["0.0.0.0", "0.0.0.0"],
    ["0", "0.0.0.0"],
    ["[::]", "::"],
  ])(
    "is refused for %s, even once loopback is allowed",
    async (host, shown) => {
      const run = await refused(host, LOOPBACK_RULES);
      expect(run.errorMessage).toBe(`${shown} is not a public address; an admin can allow it`);
    },
    5_000,
  );

  it("is refused for a host name that resolves to loopback, at connect time", async () => {
    const run = await refused("localhost");
    expect(run.errorMessage).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), which is not a public address; an admin can allow it$/,
    );
  }, 5_000);

  it("is refused for a literal address when only a host name is allowed", async () => {
    await refused("127.0.0.1", ["localhost"]);
  }, 5_000);

  // No server listens on these and none may be contacted: the guard must refuse before connecting.
  it.each([
    ["169.254.169.254", "169.254.169.254"],
    ["[::ffff:169.254.169.254]", "::ffff:a9fe:a9fe"],
    ["10.0.0.1", "10.0.0.1"],
    ["172.16.0.1", "172.16.0.1"],
    ["192.168.0.1", "192.168.0.1"],
    ["100.64.0.1", "100.64.0.1"],
  ])(
    "is refused for %s without connecting",
    async (host, shown) => {
      // The policy is checked on its own first, so a broken policy fails here without a packet sent.
      const address = shown.replace(/^::ffff:a9fe:a9fe$/, "::ffff:169.254.169.254");
      expect(createAddressPolicy(LOOPBACK_RULES).allowsAddress(address)).toBe(false);
      const run = await refused(host, LOOPBACK_RULES);
      expect(run.errorMessage).toBe(`${shown} is not a public address; an admin can allow it`);
      expect(run.durationMs).toBeLessThan(QUICK_LIMITS.connectMs);
    },
    5_000,
  );

  it("is refused when a provider redirects to it, and the redirect is not followed", async () => {
    const before = internal.requests.length;
    const target = `${internal.url}/ok/token`;
    const front = await startTokenServer({ redirectTo: target });
    try {
      // The front server is allowed by name only; the internal one (a literal IP) is not.
      const { run } = await testProfile(
        kit,
        {
          ...profile("localhost"),
          tokenRequestUrl: `http://localhost:${front.port}/redirect/token`,
        },
        { egressAllow: ["localhost"] },
      );
      expect(run).toMatchObject({
        status: "failed",
        errorClass: "redirect_not_followed",
        responseStatus: 302,
      });
      expect(run.errorMessage).toContain(`pointed to ${target}`);
      expect(front.requests).toHaveLength(1);
      expect(internal.requests.length).toBe(before);
    } finally {
      await front.close();
    }
  }, 5_000);

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
    5_000,
  );
});

describe("an internal address an admin allowed", () => {
  it.each([...LOOPBACK, ["localhost", ""]])(
    "is reached for %s",
    async (host) => {
      const before = internal.requests.length;
      const { run } = await testProfile(kit, profile(host), { egressAllow: LOOPBACK_RULES });
      expect(run).toMatchObject({ status: "succeeded", responseStatus: 200 });
      expect(internal.requests.length).toBe(before + 1);
    },
    5_000,
  );

  it("is reached by host name when its addresses are allowed, checked in the lookup", async () => {
    const before = internal.requests.length;
    const { run } = await testProfile(kit, profile("localhost"), {
      egressAllow: ["127.0.0.0/8", "::1/128"],
    });
    expect(run.status).toBe("succeeded");
    expect(internal.requests.length).toBe(before + 1);
  }, 5_000);

  it("is reached only by the team whose allowlist has it", async () => {
    const before = internal.requests.length;
    const allowed = await testProfile(kit, profile("127.0.0.1"), { egressAllow: [] });
    expect(allowed.run.errorClass).toBe("blocked_destination");
    await kit.db.team.update({
      where: { id: allowed.saved.teamId },
      data: { egressAllowlist: ["127.0.0.0/8"] },
    });
    const otherTeam = await testProfile(kit, profile("127.0.0.1"), { egressAllow: [] });
    expect(otherTeam.run.errorClass).toBe("blocked_destination");
    expect(internal.requests.length).toBe(before);

    const runId = await queueRun(kit, allowed.saved);
    const { run } = await runQueued(kit, runId, { egressAllow: [] });
    expect(run.status).toBe("succeeded");
    expect(internal.requests.length).toBe(before + 1);
  }, 5_000);
});
