// @module-tag resilience
import { describe, expect, it } from "vitest";
import { createAddressPolicy } from "../../src/http/address-policy.ts";
import { AllowRuleError, parseAllowRule } from "../../src/http/allow-rules.ts";
import { teamAddressPolicy, teamRuleRefusal } from "../../src/http/team-rules.ts";

const none = createAddressPolicy([]);

describe("the address policy with no rules", () => {
  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808", // NAT64 of a public address: what an IPv6-only network's DNS64 gives
  ])("lets %s through", (address) => {
    expect(none.refusal(address)).toBeNull();
  });

  it.each([
    ["127.0.0.1", "is not a public address"],
    ["10.1.2.3", "is not a public address"],
    ["100.64.0.1", "is not a public address"],
    ["198.18.0.1", "is not a public address"],
    ["240.0.0.1", "is not a public address"],
    ["::1", "is not a public address"],
    ["::7f00:1", "is not a public address"], // IPv4-compatible 127.0.0.1
    ["::ffff:0:a00:1", "is not a public address"], // IPv4-translated 10.0.0.1
    ["64:ff9b::a00:1", "is not a public address"], // NAT64 of 10.0.0.1
    ["64:ff9b:1::1", "is not a public address"],
    ["2002:808:808::1", "is not a public address"], // 6to4
    ["2001::1", "is not a public address"], // Teredo
    ["2001:db8::1", "is not a public address"],
    ["3fff::1", "is not a public address"],
    ["4000::1", "is not a public address"],
    ["5f00::1", "is not a public address"],
    ["fc00::1", "is not a public address"],
    ["fec0::1", "is not a public address"],
    ["0.0.0.0", "unspecified, broadcast or multicast"],
    ["0.1.2.3", "unspecified, broadcast or multicast"],
    ["255.255.255.255", "unspecified, broadcast or multicast"],
    ["224.0.0.1", "unspecified, broadcast or multicast"],
    ["::", "unspecified, broadcast or multicast"],
    ["::ffff:0.0.0.0", "unspecified, broadcast or multicast"],
    ["ff02::1", "unspecified, broadcast or multicast"],
    ["169.254.1.1", "link-local or cloud metadata"],
    ["fe80::1", "link-local or cloud metadata"],
    ["168.63.129.16", "link-local or cloud metadata"],
    ["::a9fe:a9fe", "link-local or cloud metadata"],
    ["::ffff:0:a9fe:a9fe", "link-local or cloud metadata"],
    ["2002:a9fe:a9fe::1", "link-local or cloud metadata"], // 6to4 towards 169.254.169.254
    ["2001:0:a9fe:a9fe::1", "link-local or cloud metadata"], // Teredo server 169.254.169.254
    ["2001:0:4136:e378:8000:63bf:5601:5601", "link-local or cloud metadata"], // Teredo client
    ["fd00:a9fe:a9fe::1", "link-local or cloud metadata"],
    ["not an address", "is not a public address"],
  ])("refuses %s: %s", (address, why) => {
    expect(none.refusal(address)).toContain(why);
  });
});

describe("the address policy with rules", () => {
  it("opens a link-local or metadata address only when a rule names it exactly", () => {
    const wide = createAddressPolicy(["169.0.0.0/8", "168.0.0.0/8", "fd00::/8"]);
    for (const address of ["169.254.169.254", "168.63.129.16", "fd00:ec2::254"]) {
      expect(wide.refusal(address)).toContain("naming this exact address");
    }
    expect(wide.refusal("169.1.2.3")).toBeNull();

    const named = createAddressPolicy([
      "169.254.169.254/32",
      "::ffff:168.63.129.16",
      "fd00:ec2::254",
    ]);
    for (const address of [
      "169.254.169.254",
      "::ffff:a9fe:a9fe",
      "::a9fe:a9fe",
      "168.63.129.16",
      "fd00:ec2::254",
    ]) {
      expect(named.refusal(address)).toBeNull();
    }
    expect(named.refusal("169.254.169.253")).toContain("naming this exact address");
  });

  it("lets a host-name rule open private addresses for that name only, never loopback or metadata", () => {
    const policy = createAddressPolicy(["idp.internal"]);
    expect(policy.refusal("10.1.2.3", "idp.internal")).toBeNull();
    expect(policy.refusal("10.1.2.3", "IDP.Internal.")).toBeNull();
    expect(policy.refusal("10.1.2.3", "other.internal")).toBe(
      "other.internal resolves to 10.1.2.3, which is not a public address, and no egress rule allows it",
    );
    expect(policy.refusal("10.1.2.3")).toContain("is not a public address");
    expect(policy.refusal("127.0.0.1", "idp.internal")).toBe(
      "idp.internal resolves to 127.0.0.1, which is a loopback address: only an address rule opens loopback, not a host name rule",
    );
    expect(policy.refusal("169.254.169.254", "idp.internal")).toContain(
      "naming this exact address",
    );
    expect(policy.refusal("0.0.0.0", "idp.internal")).toContain("unspecified");
  });

  it("refuses metadata host names, and anything below them, unless a rule names them", () => {
    for (const name of [
      "metadata.google.internal",
      "Metadata.Goog.",
      "a.b.metadata.google.internal",
    ]) {
      expect(none.nameRefusal(name)).toContain("is a cloud metadata host name");
    }
    expect(none.nameRefusal("metadata.google.internal.example.com")).toBeNull();
    expect(none.nameRefusal("idp.example.com")).toBeNull();
    expect(
      createAddressPolicy(["metadata.google.internal"]).nameRefusal("metadata.google.internal"),
    ).toBeNull();
  });
});

describe("an egress rule", () => {
  const refusal = (rule: string) => {
    try {
      parseAllowRule(rule);
      return null;
    } catch (error) {
      if (error instanceof AllowRuleError) return error.reason;
      throw error;
    }
  };

  it.each([
    "10.0.0.0/8",
    "fd00::/8",
    "127.0.0.1",
    "::1",
    "0x7f.1",
    "::ffff:10.0.0.0/104",
    "idp.internal",
    "IdP.Internal.",
    "169.254.169.254",
    "fe80::1",
    "169.0.0.0/8",
  ])("%s is accepted", (rule) => {
    expect(refusal(rule)).toBeNull();
  });

  it.each([
    ["0.0.0.0/0", "is a catch-all"],
    ["::/0", "is a catch-all"],
    ["10.0.0.0/7", "is a catch-all"],
    ["fc00::/7", "is a catch-all"],
    ["::ffff:0:0/96", "is a catch-all"],
    ["::ffff:0.0.0.0/100", "is a catch-all"],
    ["0.0.0.0/8", "no token request can go there"],
    ["224.0.0.0/8", "no token request can go there"],
    ["ff00::/8", "no token request can go there"],
    ["::", "no token request can go there"],
    ["169.254.0.0/16", "is a link-local range"],
    ["169.254.169.0/24", "is a link-local range"],
    ["fe80::/10", "is a link-local range"],
    ["10.0.0.0/33", "is not a CIDR range"],
    ["https://idp.internal/token", "is a URL"],
    ["idp..internal", "neither a host name"],
    ["-idp.internal", "neither a host name"],
    ["1.2.3.4.5", "neither a host name"],
    ["idp.0x10", "neither a host name"],
    ["idp internal", "neither a host name"],
  ])("%s is refused: %s", (rule, why) => {
    const reason = refusal(rule);
    expect(reason).toContain(why);
    expect(reason).not.toContain(rule);
  });
});

describe("a team's rule", () => {
  const cap = [
    "10.0.0.0/8",
    "fd00:1::/32",
    "idp.internal",
    "169.254.169.254",
    "::ffff:168.63.129.16",
  ];

  it.each([
    "10.20.0.0/16",
    "10.1.2.3",
    "::ffff:10.1.2.3",
    "fd00:1:2::/48",
    "idp.internal",
    "IDP.internal.",
    "169.254.169.254/32",
    "::a9fe:a9fe",
    "168.63.129.16",
  ])("%s is within the operator's limit", (rule) => {
    expect(teamRuleRefusal(cap, rule)).toBeNull();
  });

  it.each([
    ["10.0.0.0/7", "is a catch-all"],
    ["11.0.0.0/8", "is outside what this deployment lets teams allow"],
    ["fd00::/16", "is outside what this deployment lets teams allow"],
    ["other.internal", "is outside what this deployment lets teams allow"],
    ["169.254.169.253", "names this exact address"],
    ["8.8.8.8", "is a public address: token requests reach it without a rule"],
  ])("%s is refused: %s", (rule, why) => {
    const reason = teamRuleRefusal(cap, rule);
    expect(reason).toContain(`"${rule}"`);
    expect(reason).toContain(why);
  });

  it("counts only within the operator's limit when requests are sent", () => {
    const policy = teamAddressPolicy({ allow: [], teamMayAllow: ["10.0.0.0/8"] }, [
      "10.1.0.0/16",
      "192.168.0.0/16",
      "::/0",
    ]);
    expect(policy.refusal("10.1.2.3")).toBeNull();
    expect(policy.refusal("10.2.0.1")).toContain("is not a public address");
    expect(policy.refusal("192.168.1.1")).toContain("is not a public address");
    expect(policy.refusal("fc00::1")).toContain("is not a public address");
  });
});
