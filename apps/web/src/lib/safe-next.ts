// Any origin will do: only whether a value stays on it matters.
const HERE = "http://authdeck.invalid";

/**
 * Only paths on this site, so a crafted ?next= cannot send anyone elsewhere. The value is read
 * by the URL parser browsers use, which drops tabs and line breaks and reads `\` as `/`
 * (`/%09/evil.example` becomes `//evil.example`), and what comes back is the parser's own
 * spelling of the path, which holds no control character for a Location header to choke on.
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return "/";
  }
  if (url.origin !== HERE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Still "//" after parsing (e.g. "/.//evil.example" is "//evil.example" again): a browser
  // would read it as another host.
  return path.startsWith("//") ? "/" : path;
}

/** One value of a search parameter that may be repeated. */
export const firstParam = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;
