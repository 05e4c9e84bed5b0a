import "server-only";
import { hasLoneSurrogate } from "@authdeck/core/schemas";

/**
 * JSON may spell half of a UTF-16 pair on its own ("\ud800"), giving a string that no UTF-8 text
 * can hold: PostgreSQL's jsonb refuses it and its text columns would keep a replacement
 * character instead. This finds the first such string or key in an input, by its dotted path
 * ("" for the input itself), or null. Iterative, so no nesting depth can overflow the stack.
 */
export function pathOfLoneSurrogate(input: unknown): string | null {
  const pending: Array<[unknown, string]> = [[input, ""]];
  const seen = new Set<object>();
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === "string") {
      if (hasLoneSurrogate(value)) return path;
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    // Pushed in reverse so the first field of an object is looked at first.
    for (const [key, item] of Object.entries(value).reverse()) {
      const at = path ? `${path}.${key}` : key;
      if (hasLoneSurrogate(key)) return at;
      pending.push([item, at]);
    }
  }
  return null;
}
