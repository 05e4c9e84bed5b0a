import { classify, type Ip, inRanges, parseAddress, sameAddress } from "./address-class.ts";
import { type AllowRule, isExact, normalizeHostName, parseAllowRules } from "./allow-rules.ts";
import { isMetadataHostName } from "./metadata-endpoints.ts";

/**
 * Which destinations token requests may reach, given the rules in force (the deployment's, and
 * the team's that the operator lets it have). Each method answers why not, or null.
 */
export type AddressPolicy = {
  /** An address to connect to; `viaName` is the host name it was looked up for, if any. */
  refusal(address: string, viaName?: string): string | null;
  /** A host name, before it is looked up. */
  nameRefusal(hostName: string): string | null;
};

const NOT_PUBLIC = "is not a public address, and no egress rule allows it";
const SENSITIVE =
  "is a link-local or cloud metadata address; only an operator rule naming this exact address allows it";
const UNROUTABLE = "is an unspecified, broadcast or multicast address, which no rule can open";
const LOOPBACK_BY_NAME =
  "is a loopback address: only an address rule opens loopback, not a host name rule";

/** The policy of `rules`, each already accepted by `parseAllowRule` (it throws otherwise). */
export function createAddressPolicy(rules: readonly string[]): AddressPolicy {
  return addressPolicyOf(parseAllowRules(rules));
}

export function addressPolicyOf(parsed: readonly AllowRule[]): AddressPolicy {
  const ranges = parsed.filter(
    (r): r is Extract<AllowRule, { kind: "range" }> => r.kind === "range",
  );
  const names = new Set(parsed.flatMap((r) => (r.kind === "name" ? [r.name] : [])));
  const exact = ranges.filter(isExact).map((r) => r.ip);
  const inAllowedRange = (ip: Ip) =>
    inRanges(
      ip,
      ranges.map((r) => [r.ip, r.bits]),
    );

  function why(ip: Ip, viaName: string | undefined): string | null {
    const byName = viaName !== undefined && names.has(normalizeHostName(viaName));
    switch (classify(ip)) {
      case "public":
        return null;
      case "unroutable":
        return UNROUTABLE;
      case "sensitive":
        return exact.some((named) => sameAddress(named, ip)) ? null : SENSITIVE;
      case "loopback":
        if (inAllowedRange(ip)) return null;
        return byName ? LOOPBACK_BY_NAME : NOT_PUBLIC;
      case "private":
        return inAllowedRange(ip) || byName ? null : NOT_PUBLIC;
    }
  }

  return {
    refusal(address, viaName) {
      const ip = parseAddress(address);
      const reason = ip ? why(ip, viaName) : NOT_PUBLIC;
      if (reason === null) return null;
      return viaName === undefined
        ? `${address} ${reason}`
        : `${viaName} resolves to ${address}, which ${reason}`;
    },
    nameRefusal(hostName) {
      const name = normalizeHostName(hostName);
      if (isMetadataHostName(name) && !names.has(name)) {
        return `${name} is a cloud metadata host name; only an operator rule naming it allows it`;
      }
      return null;
    },
  };
}
