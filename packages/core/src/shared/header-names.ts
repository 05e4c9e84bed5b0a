// RFC 9110 token characters: what an HTTP header name may be made of.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Headers that say where a request goes or how its bytes are framed (RFC 9110 §7.2, §7.6.1,
 * §8.6, §10.1.1; RFC 9112 §6). Set by a profile, they would send the secret-carrying request to
 * another virtual host of the same address, or smuggle a second request into the connection.
 */
const ROUTING_AND_FRAMING = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "expect",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "proxy-connection",
]);

/** Why `key` cannot be a Header field's key, or null when it can. */
export function headerKeyProblem(key: string): string | null {
  if (!HEADER_NAME.test(key)) return "Not a valid HTTP header name";
  if (ROUTING_AND_FRAMING.has(key.toLowerCase()))
    return `${key} is set for each request by Authdeck and cannot be a Header field`;
  return null;
}
