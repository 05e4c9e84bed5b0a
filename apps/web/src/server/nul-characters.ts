import "server-only";
/**
 * PostgreSQL text cannot hold U+0000: a string with one fails as an internal error when it is
 * written. This finds the first such string in an input, by its dotted path ("" for the input
 * itself), or null.
 */
export function pathOfNulCharacter(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = pathOfNulCharacter(item, path ? `${path}.${key}` : key);
    if (found !== null) return found;
    if (key.includes("\u0000")) return path ? `${path}.${key}` : key;
  }
  return null;
}
