import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent } from "undici";
import type { AddressPolicy } from "./address-policy.ts";

export class EgressBlockedError extends Error {
  override name = "EgressBlockedError";
  readonly code = "EGRESS_BLOCKED";
}

const stripBrackets = (host: string) => host.replace(/^\[|\]$/g, "");

/**
 * Checks a URL before anything is sent: http(s) only, no credentials, and a literal IP in any
 * notation (the WHATWG parser turns 2130706433, 0x7f.1 or 127.1 into 127.0.0.1) must be allowed.
 * Host names are checked later, at connect time, by the dispatcher.
 */
export function assertUrlAllowed(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new EgressBlockedError(`Only http and https token URLs are allowed, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new EgressBlockedError("Token URLs must not carry a user name or password");
  }
  const host = stripBrackets(url.hostname);
  if (isIP(host) && !policy.allowsAddress(host)) {
    throw new EgressBlockedError(`${host} is not a public address; an admin can allow it`);
  }
}

/**
 * A dispatcher whose every connection goes to an address the policy allows. The lookup both
 * checks and supplies the addresses undici connects to, so there is no window between the
 * check and the connection (DNS rebinding). One dispatcher per request: a kept-alive socket
 * allowed for one team is never reused for another.
 */
export function createGuardedDispatcher(
  policy: AddressPolicy,
  timeouts: { connectMs: number; headersMs: number; bodyMs: number },
): Agent {
  return new Agent({
    connect: {
      timeout: timeouts.connectMs,
      lookup(hostname, options, callback) {
        const host = stripBrackets(hostname);
        const byName = policy.allowsHostName(host);
        dnsLookup(host, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
          if (error) return callback(error, []);
          const refused = addresses.find((a) => !byName && !policy.allowsAddress(a.address));
          if (refused) {
            return callback(
              new EgressBlockedError(
                `${host} resolves to ${refused.address}, which is not a public address; an admin can allow it`,
              ),
              [],
            );
          }
          callback(null, addresses);
        });
      },
    },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: 1,
    connections: 1,
  });
}
