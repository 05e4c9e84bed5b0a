import ipaddr from "ipaddr.js";
import { METADATA_ADDRESSES } from "./metadata-endpoints.ts";

export type Ip = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Ip, number];

/**
 * - public: reachable without a rule;
 * - private: reachable through a range rule, or a host-name rule the URL names;
 * - loopback: the worker's own machine, reachable through a range rule only;
 * - sensitive: link-local and cloud metadata, reachable only through a rule naming the address;
 * - unroutable: unspecified, broadcast, multicast: never a destination.
 */
export type AddressClass = "public" | "private" | "loopback" | "sensitive" | "unroutable";

const ranges = (...cidrs: string[]): Range[] => cidrs.map((cidr) => ipaddr.parseCIDR(cidr));

export const UNROUTABLE_RANGES = ranges(
  "0.0.0.0/8",
  "224.0.0.0/4",
  "255.255.255.255/32",
  "::/128",
  "ff00::/8",
);
export const LINK_LOCAL_RANGES = ranges("169.254.0.0/16", "fe80::/10");
const LOOPBACK_RANGES = ranges("127.0.0.0/8", "::1/128");
const GLOBAL_UNICAST = ranges("2000::/3");
// IPv6 forms whose packets end at the IPv4 address in their last 32 bits.
const CARRYING_IPV4 = ranges(
  "::ffff:0:0/96", // IPv4-mapped
  "::ffff:0:0:0/96", // IPv4-translated (RFC 6145)
  "64:ff9b::/96", // NAT64 well-known prefix (RFC 6052)
  "::/96", // IPv4-compatible (deprecated; :: and ::1 are kept as they are)
);
const SIX_TO_FOUR = ranges("2002::/16");
const TEREDO = ranges("2001::/32");

const key = (ip: Ip) => `${ip.kind()}:${ip.toNormalizedString()}`;
const METADATA = new Set(METADATA_ADDRESSES.map((address) => key(ipaddr.parse(address))));

export const inRanges = (ip: Ip, list: readonly Range[]) =>
  list.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));

export const fullBits = (ip: Ip) => (ip.kind() === "ipv4" ? 32 : 128);

export const sameAddress = (a: Ip, b: Ip) => key(a) === key(b);

function ipv4At(parts: number[], high: number, low: number, inverted = false): ipaddr.IPv4 {
  const [h, l] = [parts[high] ?? 0, parts[low] ?? 0];
  const bytes = [h >> 8, h & 0xff, l >> 8, l & 0xff];
  return new ipaddr.IPv4(inverted ? bytes.map((byte) => byte ^ 0xff) : bytes);
}

/**
 * The address a packet would end at: an IPv4 address carried in IPv6 (::ffff:a.b.c.d,
 * ::a.b.c.d, 64:ff9b::a.b.c.d...) is judged as that IPv4 address, so no spelling changes the
 * verdict.
 */
export function destinationOf(ip: Ip): Ip {
  if (ip.kind() === "ipv4" || inRanges(ip, LOOPBACK_RANGES) || inRanges(ip, UNROUTABLE_RANGES)) {
    return ip;
  }
  if (!inRanges(ip, CARRYING_IPV4)) return ip;
  return ipv4At((ip as ipaddr.IPv6).parts, 6, 7);
}

// ipaddr.parse and parseCIDR try IPv6 first, through its slow parser and an exception; text
// without a colon cannot be IPv6. Token requests build their policy every time, so it counts.
const family = (text: string) => (text.includes(":") ? ipaddr.IPv6 : ipaddr.IPv4);

/** Parses an address in any notation ipaddr.js reads; null when it is not one. */
export function parseAddress(text: string): Ip | null {
  const kind = family(text);
  return kind.isValid(text) ? destinationOf(kind.parse(text)) : null;
}

/** Parses "a.b.c.d/n" or "x::/n"; throws when it is not a CIDR range. */
export const parseCidr = (text: string): [Ip, number] => family(text).parseCIDR(text);

/** IPv4 addresses that 6to4 and Teredo tunnel towards, for the metadata check. */
function tunnelled(ip: ipaddr.IPv6): ipaddr.IPv4[] {
  if (inRanges(ip, SIX_TO_FOUR)) return [ipv4At(ip.parts, 1, 2)];
  // Teredo: the server in bits 32-63, the client obfuscated (inverted) in the last 32 bits.
  if (inRanges(ip, TEREDO)) return [ipv4At(ip.parts, 2, 3), ipv4At(ip.parts, 6, 7, true)];
  return [];
}

/** The class of an address as `destinationOf` gives it. */
export function classify(ip: Ip): AddressClass {
  if (METADATA.has(key(ip)) || inRanges(ip, LINK_LOCAL_RANGES)) return "sensitive";
  if (inRanges(ip, UNROUTABLE_RANGES)) return "unroutable";
  if (inRanges(ip, LOOPBACK_RANGES)) return "loopback";
  if (ip.kind() === "ipv4") return ip.range() === "unicast" ? "public" : "private";
  if (tunnelled(ip as ipaddr.IPv6).some((inner) => classify(inner) === "sensitive")) {
    return "sensitive";
  }
  // ipaddr.js calls everything it has no name for "unicast"; only 2000::/3 is handed out as
  // global unicast, and its special blocks (6to4, Teredo, documentation...) have names.
  return inRanges(ip, GLOBAL_UNICAST) && ip.range() === "unicast" ? "public" : "private";
}
