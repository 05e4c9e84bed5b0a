/**
 * Headers about one connection (RFC 9110 §7.6.1) or about the hop to Authdeck, never passed on
 * in either direction. Host and Content-Length are set for the outgoing request by its client.
 */
const NEVER_FORWARDED = new Set([
  "connection",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "forwarded",
  "via",
  "expect",
]);

/** Headers of the caller's that concern Authdeck, not the API. */
const CALLER_ONLY = new Set(["authorization", "cookie", "authdeck-tenant"]);

/** Headers of the API's that would act on Authdeck's own origin in a browser. */
const UPSTREAM_ONLY = new Set(["set-cookie", "set-cookie2"]);

const droppedEverywhere = (name: string) =>
  NEVER_FORWARDED.has(name) || name.startsWith("proxy-") || name.startsWith("x-forwarded-");

/** The header names a Connection header lists, which are about that hop only. */
function connectionListed(headers: Iterable<[string, string]>): Set<string> {
  const listed = new Set<string>();
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== "connection") continue;
    for (const token of value.split(",")) listed.add(token.trim().toLowerCase());
  }
  return listed;
}

function keep(
  headers: Iterable<[string, string]>,
  dropped: (name: string) => boolean,
): Array<[string, string]> {
  const pairs = [...headers];
  const listed = connectionListed(pairs);
  return pairs.filter(([name]) => {
    const lower = name.toLowerCase();
    return !droppedEverywhere(lower) && !listed.has(lower) && !dropped(lower);
  });
}

/**
 * The caller's headers that go on to the API: none of the hop-by-hop ones, nor those of
 * Authdeck's (its API key in Authorization, its cookies, the tenant header), nor `replaced`,
 * the lower-case names Authdeck itself sets (the token's header, the Header fields).
 */
export function forwardedRequestHeaders(
  headers: Iterable<[string, string]>,
  replaced: ReadonlySet<string> = new Set(),
): Array<[string, string]> {
  return keep(headers, (name) => CALLER_ONLY.has(name) || replaced.has(name));
}

/**
 * The API's headers that go back to the caller: none of the hop-by-hop ones and no cookie
 * (which a browser would keep for Authdeck's origin). Content-Length goes too: the body is
 * streamed on as it comes.
 */
export function returnedResponseHeaders(
  headers: Iterable<[string, string]>,
): Array<[string, string]> {
  return keep(headers, (name) => UPSTREAM_ONLY.has(name));
}
