import type { z } from "zod";

export class EnvError extends Error {
  override name = "EnvError";
}

/**
 * Parses the environment once at start. The message names every bad variable so whoever starts
 * the process knows what to fix; values are never echoed, since some of them are secrets.
 */
export function loadEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: Record<string, string | undefined>,
): z.infer<Schema> {
  // An empty variable means "not set", so defaults apply as they would with no .env at all.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
}
