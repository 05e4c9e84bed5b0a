import {
  destinationOf,
  fullBits,
  type Ip,
  inRanges,
  LINK_LOCAL_RANGES,
  parseAddress,
  parseCidr,
  UNROUTABLE_RANGES,
} from "./address-class.ts";

/** An egress rule: an address or CIDR range, or a host name. */
export type AllowRule =
  | { kind: "range"; text: string; ip: Ip; bits: number }
  | { kind: "name"; text: string; name: string };

/**
 * No rule may be wider than a /8: the widest private block in IPv4 (10.0.0.0/8), and in IPv6
 * the whole block of locally assigned unique-local addresses (fd00::/8). Anything wider opens
 * most of the address space, which is what the review's 0.0.0.0/0 and ::/0 did.
 */
const WIDEST_PREFIX = 8;

/** Why a rule is refused. `reason` never quotes the rule, so start-up errors echo no value. */
export class AllowRuleError extends Error {
  override name = "AllowRuleError";
  constructor(
    readonly rule: string,
    readonly reason: string,
  ) {
    super(`"${rule}" ${reason}`);
  }
}

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);
// The URL parser reads a host whose last label is a number as an IPv4 address.
const NUMERIC_LAST_LABEL = /(?:^|\.)(?:0x[0-9a-f]*|[0-9]+)$/;

/** Lower case, without the root's trailing dot, as names are compared everywhere. */
export const normalizeHostName = (name: string) => name.toLowerCase().replace(/\.$/, "");

export const isExact = (rule: Extract<AllowRule, { kind: "range" }>) =>
  rule.bits === fullBits(rule.ip);

/** Parses "10.0.0.0/8", "::1/128", "127.0.0.1" or a host name like "idp.internal". */
export function parseAllowRule(raw: string): AllowRule {
  const text = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new AllowRuleError(
      text,
      "is a URL: write only its host name, an address or a CIDR range",
    );
  }
  if (text.includes("/")) {
    let cidr: [Ip, number];
    try {
      cidr = parseCidr(text);
    } catch {
      throw new AllowRuleError(text, "is not a CIDR range");
    }
    return checkedRange(text, ...carriedIpv4Range(...cidr));
  }
  const ip = parseAddress(text);
  if (ip) return checkedRange(text, ip, fullBits(ip));
  const name = normalizeHostName(text);
  if (!HOST_NAME.test(name) || NUMERIC_LAST_LABEL.test(name)) {
    throw new AllowRuleError(text, "is neither a host name, an address nor a CIDR range");
  }
  return { kind: "name", text, name };
}

/** Every rule parsed; throws the first refusal. */
export function parseAllowRules(rules: readonly string[]): AllowRule[] {
  return rules.filter((rule) => rule.trim()).map(parseAllowRule);
}

/** The rule parsed, or why it is refused. */
export function tryParseAllowRule(rule: string): AllowRule | AllowRuleError {
  try {
    return parseAllowRule(rule);
  } catch (error) {
    if (error instanceof AllowRuleError) return error;
    throw error;
  }
}

// ::ffff:10.0.0.0/104 is the IPv4 range 10.0.0.0/8 and is judged as such.
function carriedIpv4Range(ip: Ip, bits: number): [Ip, number] {
  if (ip.kind() === "ipv4" || bits < 96) return [ip, bits];
  const carried = destinationOf(ip);
  return carried.kind() === "ipv4" ? [carried, bits - 96] : [ip, bits];
}

function checkedRange(text: string, ip: Ip, bits: number): AllowRule {
  if (bits < WIDEST_PREFIX) {
    throw new AllowRuleError(
      text,
      `is a catch-all: no rule may be wider than /${WIDEST_PREFIX} (such as 10.0.0.0/8 or fd00::/8)`,
    );
  }
  // A range lies inside a special block when its prefix is at least as long and matches it.
  const inside = (list: Array<[Ip, number]>) =>
    list.some(([range, size]) => bits >= size && inRanges(ip, [[range, size]]));
  if (inside(UNROUTABLE_RANGES)) {
    throw new AllowRuleError(
      text,
      "is unspecified, broadcast or multicast: no token request can go there",
    );
  }
  if (bits < fullBits(ip) && inside(LINK_LOCAL_RANGES)) {
    throw new AllowRuleError(
      text,
      "is a link-local range: link-local and metadata addresses are allowed one by one, by their exact address",
    );
  }
  return { kind: "range", text, ip, bits };
}
