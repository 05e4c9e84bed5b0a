import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent } from "undici";
import type { AddressPolicy } from "./address-policy.ts";

/**
 * A profile's own TLS settings: the client certificate chain and key it presents (RFC 8705) and
 * the roots it trusts instead of the system's. Only ever on a dispatcher made for one request.
 */
export type TlsOptions = { cert?: string; key?: string; ca?: string };

export class EgressBlockedError extends Error {
  override name = "EgressBlockedError";
  readonly code = "EGRESS_BLOCKED";
}

const stripBrackets = (host: string) => host.replace(/^\[|\]$/g, "");

/**
 * Checks a URL before anything is sent: http(s) only, no credentials, a literal IP in any
 * notation (the WHATWG parser turns 2130706433, 0x7f.1 or 127.1 into 127.0.0.1) allowed by the
 * policy, and no metadata host name the policy does not allow. The addresses a host name
 * resolves to are checked later, at connect time, by the dispatcher.
 */
export function assertUrlAllowed(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new EgressBlockedError(`Only http and https token URLs are allowed, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new EgressBlockedError("Token URLs must not carry a user name or password");
  }
  const host = stripBrackets(url.hostname);
  const refusal = isIP(host) ? policy.refusal(host) : policy.nameRefusal(host);
  if (refusal) throw new EgressBlockedError(refusal);
}

/**
 * A dispatcher whose every connection goes to an address the policy allows. The lookup both
 * checks and supplies the addresses undici connects to, so there is no window between the
 * check and the connection (DNS rebinding). A dispatcher serves one team (token requests make
 * one per request): a kept-alive socket allowed for one team is never reused for another.
 * `pool` lets one team's dispatcher keep connections open for its next calls; `tls` holds a
 * profile's certificate and CA bundle, so a dispatcher given one is made for that request alone.
 */
export function createGuardedDispatcher(
  policy: AddressPolicy,
  timeouts: { connectMs: number; headersMs: number; bodyMs: number },
  pool: { connections: number; keepAliveMs: number } = { connections: 1, keepAliveMs: 1 },
  tls: TlsOptions = {},
): Agent {
  return new Agent({
    connect: {
      ...tls,
      timeout: timeouts.connectMs,
      lookup(hostname, options, callback) {
        const host = stripBrackets(hostname);
        const named = policy.nameRefusal(host);
        if (named) return callback(new EgressBlockedError(named), []);
        dnsLookup(host, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
          if (error) return callback(error, []);
          // Every address, not just the first: undici may try the next one when one fails.
          for (const { address } of addresses) {
            const refusal = policy.refusal(address, host);
            if (refusal) return callback(new EgressBlockedError(refusal), []);
          }
          callback(null, addresses);
        });
      },
    },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: pool.keepAliveMs,
    connections: pool.connections,
  });
}
