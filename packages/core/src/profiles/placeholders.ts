/** `{name}` placeholders in a URL: `{tenant}` and Path Param keys. */
const PLACEHOLDER = /\{([^{}]*)\}/g;

export const placeholdersIn = (url: string) =>
  [...url.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");

/** Fills every placeholder, leaving the rest of the URL as typed. */
export function fillPlaceholders(url: string, values: (name: string) => string): string {
  return url.replace(PLACEHOLDER, (_, name: string) => values(name));
}
