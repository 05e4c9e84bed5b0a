/** Which token a request to the token API asks for. */
export type TokenTarget = { appId: string; profileId: string; tenant: string | null };

// An empty segment is still a token API request, answered with the API's JSON 404.
const TOKEN_PATH = /^\/api\/v1\/apps\/([^/]*)\/profiles\/([^/]*)\/token$/;

// Decoded as Next.js decoded a route's segments; one that does not decode is looked up as sent
// (and found nowhere), as the proxy does.
const segment = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

/** The token a request target (path and query, as in IncomingMessage.url) asks for, if it is one. */
export function tokenTargetOf(url: string): TokenTarget | null {
  const query = url.indexOf("?");
  const parts = TOKEN_PATH.exec(query === -1 ? url : url.slice(0, query));
  if (!parts) return null;
  const search = new URLSearchParams(query === -1 ? "" : url.slice(query + 1));
  return {
    appId: segment(parts[1] as string),
    profileId: segment(parts[2] as string),
    tenant: search.get("tenant"),
  };
}
