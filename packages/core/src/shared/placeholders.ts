/** `{name}` placeholders in a URL: `{tenant}` and Path Param keys. */
const PLACEHOLDER = /\{([^{}]*)\}/g;

export const placeholdersIn = (url: string) =>
  [...url.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");

/** Fills every placeholder, leaving the rest of the URL as typed. */
export function fillPlaceholders(url: string, values: (name: string) => string): string {
  return url.replace(PLACEHOLDER, (_, name: string) => values(name));
}

/**
 * What is wrong with `value` as the filling of a placeholder (to follow a label: "Field Value
 * cannot..."), or null. Percent-encoding keeps every other value inside its path segment, but
 * "." and ".." segments are read as moves up the path, encoded or not (WHATWG URL), so a value
 * of dots would send the request to another path of the provider.
 */
export function placeholderValueProblem(value: string): string | null {
  return /^\.+$/.test(value) ? "cannot be only dots, which would move up the URL's path" : null;
}
