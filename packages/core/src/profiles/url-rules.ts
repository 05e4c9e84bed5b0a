import { characterCount, PROFILE_LIMITS } from "./limits.ts";
import { fillPlaceholders } from "./placeholders.ts";

/**
 * Why a token or refresh URL is not acceptable, or null. Placeholders are checked as if filled
 * with a plain word, so `https://{tenant}.example.com/token` is a valid URL.
 */
export function urlProblem(url: string, label: string): string | null {
  if (characterCount(url) > PROFILE_LIMITS.url) {
    return `${label} must be at most ${PROFILE_LIMITS.url} characters`;
  }
  if (!/^https?:\/\//i.test(url)) return `${label} must start with http:// or https://`;
  const filled = fillPlaceholders(url, () => "placeholder");
  let parsed: URL;
  try {
    parsed = new URL(filled);
  } catch {
    return `${label} is not a valid URL`;
  }
  if (!parsed.hostname) return `${label} is not a valid URL`;
  if (parsed.username || parsed.password) {
    return `${label} must not contain a user name or password; use Client ID and Client Secret Key`;
  }
  if (parsed.hash) return `${label} must not contain a #fragment`;
  if (/\s/.test(url)) return `${label} must not contain spaces`;
  return null;
}
