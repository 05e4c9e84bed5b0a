import { fillPlaceholders } from "./placeholders.ts";
import { characterCount, PROFILE_LIMITS } from "./profile-limits.ts";

/**
 * Why a token or refresh URL is not acceptable, or null. Placeholders, allowed in the path and
 * query only, are checked as if filled with a plain word.
 */
export function urlProblem(url: string, label: string): string | null {
  if (characterCount(url) > PROFILE_LIMITS.url) {
    return `${label} must be at most ${PROFILE_LIMITS.url} characters`;
  }
  if (!/^https?:\/\//i.test(url)) return `${label} must start with http:// or https://`;
  // A value chosen at request time (a tenant, a Path Param) must not choose where the secrets go.
  const authority = /^https?:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
  if (/[{}]/.test(authority))
    return `${label}: placeholders are allowed in the path and query only`;
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
