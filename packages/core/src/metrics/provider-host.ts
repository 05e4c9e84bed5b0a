/**
 * The label a provider's URL is counted under: its host and port only. The path and query may
 * hold a tenant or a secret, and the user part a password, so none of them is ever a label.
 */
export function providerHost(url: string): string {
  if (!URL.canParse(url)) return "invalid";
  return new URL(url).host || "invalid";
}

/**
 * Keeps a label's values to at most `limit` distinct ones in this process: past it, new values
 * are counted as "other". Teams choose their providers' hosts, and every value is a new series
 * kept for the life of the process.
 */
export function boundedLabel(limit: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= limit) return "other";
    seen.add(value);
    return value;
  };
}
