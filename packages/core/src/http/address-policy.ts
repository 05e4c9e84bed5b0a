import ipaddr from "ipaddr.js";

/**
 * Which destinations token requests may reach: public unicast addresses, plus the hosts and
 * CIDR ranges an administrator listed (per team, or for the deployment).
 */
export type AddressPolicy = {
  allowsAddress(address: string): boolean;
  allowsHostName(hostName: string): boolean;
};

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export class AllowRuleError extends Error {
  override name = "AllowRuleError";
}

/** Parses "10.0.0.0/8", "::1/128", "127.0.0.1" or a host name like "idp.internal". */
export function parseAllowRules(rules: readonly string[]) {
  const ranges: Range[] = [];
  const hostNames = new Set<string>();
  for (const raw of rules.map((r) => r.trim()).filter(Boolean)) {
    if (raw.includes("/")) {
      try {
        ranges.push(ipaddr.parseCIDR(raw));
      } catch {
        throw new AllowRuleError(`"${raw}" is not a CIDR range`);
      }
    } else if (ipaddr.isValid(raw)) {
      const address = ipaddr.process(raw);
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/i.test(raw)) {
      hostNames.add(raw.toLowerCase());
    } else {
      throw new AllowRuleError(`"${raw}" is neither a host name, an address nor a CIDR range`);
    }
  }
  return { ranges, hostNames };
}

export function createAddressPolicy(rules: readonly string[]): AddressPolicy {
  const { ranges, hostNames } = parseAllowRules(rules);
  return {
    allowsHostName: (hostName) => hostNames.has(hostName.toLowerCase()),
    allowsAddress(address) {
      if (!ipaddr.isValid(address)) return false;
      // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
      const parsed = ipaddr.process(address);
      if (
        ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))
      ) {
        return true;
      }
      return parsed.range() === "unicast";
    },
  };
}
