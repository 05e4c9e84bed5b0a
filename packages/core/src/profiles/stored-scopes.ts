import { z } from "zod";

const storedScopes = z.array(z.object({ key: z.string(), value: z.string() }));

/** The scopes column as written by the profile schema; anything else reads as none. */
export function scopesOf(json: unknown): Array<{ key: string; value: string }> {
  const parsed = storedScopes.safeParse(json);
  return parsed.success ? parsed.data : [];
}
