import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP, type Socket } from "node:net";
import { copyRequest } from "./copy-request.ts";

/** Set on every request by `trackPeerAddresses`: the address of the socket it came in on. */
export const PEER_ADDRESS_HEADER = "x-authdeck-peer-address";
/** Set by the sign-in route from the above and the proxies it trusts; what better-auth reads. */
export const CLIENT_ADDRESS_HEADER = "x-authdeck-client-address";

/** Who may add to X-Forwarded-For: nobody, the last `count` hops, or proxies in these ranges. */
export type TrustedProxies =
  | { kind: "none" }
  | { kind: "count"; count: number }
  | { kind: "ranges"; ranges: BlockList };

/**
 * Writes the socket's address into every incoming request's headers, replacing any a client
 * sent. Next.js keeps a client's own X-Forwarded-For as it is and sets one from the socket only
 * when there is none, so without this a route cannot tell a forged address from a real one.
 * Node publishes each request on this channel before the server sees it. The web process
 * (src/main.ts) runs this before it listens; a request without the header is refused.
 */
export function trackPeerAddresses(): void {
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
}

/** `AUTHDECK_TRUSTED_PROXIES`: empty, a number of hops, or comma-separated addresses and CIDRs. */
export function parseTrustedProxies(value: string): TrustedProxies | { error: string } {
  const text = value.trim();
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    return count <= 10 ? { kind: "count", count } : { error: "must be at most 10 proxies" };
  }
  const ranges = new BlockList();
  for (const entry of text.split(",").map((part) => part.trim())) {
    const [address = "", prefix, ...rest] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || !/^\d*$/.test(prefix ?? "") || bits > max) {
      return { error: `"${entry}" is not an IP address or CIDR range` };
    }
    ranges.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return { kind: "ranges", ranges };
}

// An X-Forwarded-For entry as proxies write it: bare, or with a port ("192.0.2.1:4711",
// "[2001:db8::1]:443"). Answers the bare address, or null when it is none.
function addressOf(entry: string): string | null {
  const bare =
    /^\[([^\]]+)\](?::\d+)?$/.exec(entry)?.[1] ?? /^([\d.]+):\d+$/.exec(entry)?.[1] ?? entry;
  if (isIP(bare) === 0) return null;
  // IPv4 seen through an IPv6 socket: one client, one spelling.
  return bare.toLowerCase().startsWith("::ffff:") && isIP(bare.slice(7)) === 4
    ? bare.slice(7)
    : bare;
}

const isTrusted = (address: string, ranges: BlockList) =>
  ranges.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The client's address: the socket's, unless proxies are trusted; then, reading
 * X-Forwarded-For from the right (each proxy appends the address it was reached from), the
 * first hop not added by a trusted proxy. An entry that is no address stops the walk at the
 * last real address to its right, the proxy that wrote it.
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | null,
  trusted: TrustedProxies,
): string | null {
  const socket = addressOf(peer);
  if (!socket || trusted.kind === "none") return socket;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...hops, socket];
  let client = socket;
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = addressOf(chain[i] ?? "");
    if (!address) break;
    client = address;
    const skipped = chain.length - 1 - i;
    const trustedHop =
      trusted.kind === "count" ? skipped < trusted.count : isTrusted(address, trusted.ranges);
    if (!trustedHop) break;
  }
  return client;
}

/** `request` carrying its client's address for better-auth, or null when the socket's is unknown. */
export function withClientAddress(request: Request, trusted: TrustedProxies): Request | null {
  const address = clientAddress(
    request.headers.get(PEER_ADDRESS_HEADER) ?? "",
    request.headers.get("x-forwarded-for"),
    trusted,
  );
  if (!address) return null;
  const headers = new Headers(request.headers);
  headers.set(CLIENT_ADDRESS_HEADER, address);
  return copyRequest(request, { headers });
}
