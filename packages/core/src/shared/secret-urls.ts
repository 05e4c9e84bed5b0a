import { fillPlaceholders } from "./placeholders.ts";

/**
 * Every URL of a profile that receives its secrets: the client secret, the secret field values
 * and a refresh token. Each is bound to the origins the secrets were saved for (the profile's
 * `secretOrigins`): moved to any other origin, it needs the secrets entered again, and the
 * worker sends nothing to an origin outside them. A URL that comes to receive secrets later (an
 * API Base URL, a revocation endpoint) joins the rule by being listed here.
 */
export const SECRET_URLS = [
  { field: "tokenRequestUrl", label: "Token Request URL" },
  { field: "refreshTokenUrl", label: "Refresh Token URL" },
  // Secret field values ride on every API call made through the profile.
  { field: "apiBaseUrl", label: "API Base URL" },
  // Revoking and inspecting a token authenticate the client there as a token request does.
  { field: "revocationEndpoint", label: "Revocation endpoint" },
  { field: "introspectionEndpoint", label: "Introspection endpoint" },
] as const;

export type SecretUrlField = (typeof SECRET_URLS)[number]["field"];
type WithSecretUrls = { [F in SecretUrlField]?: string | null | undefined };

/**
 * The origin a URL sends to (scheme, host and port as WHATWG URL writes them), or null for one
 * that does not parse. Placeholders, which never stand in the host, are filled with a word.
 */
export function originOf(url: string): string | null {
  try {
    return new URL(fillPlaceholders(url, () => "placeholder")).origin;
  } catch {
    return null;
  }
}

/** The profile's secret-receiving URLs that are set, with their origins. */
export function secretUrlsOf(profile: WithSecretUrls) {
  return SECRET_URLS.flatMap(({ field, label }) => {
    const url = profile[field];
    const origin = url ? originOf(url) : null;
    return url && origin ? [{ field, label, url, origin }] : [];
  });
}

/** What `secretOrigins` holds for these URLs: each origin once, sorted. */
export const secretOriginsOf = (profile: WithSecretUrls) =>
  [...new Set(secretUrlsOf(profile).map((u) => u.origin))].sort();

/** The secret-receiving URLs pointing outside `saved`, the origins the secrets were saved for. */
export const urlsOutside = (profile: WithSecretUrls, saved: readonly string[]) =>
  secretUrlsOf(profile).filter((u) => !saved.includes(u.origin));

/**
 * Why `url`, filled in and about to receive the profile's secrets as its `field`, must not: its
 * origin is not one they were saved for. Null when it may. The worker asks this before every
 * request, so a row changed behind the use-cases' back sends nothing.
 */
export function secretOriginRefusal(
  url: string,
  field: SecretUrlField,
  saved: readonly string[],
): string | null {
  const origin = originOf(url);
  if (origin && saved.includes(origin)) return null;
  const label = SECRET_URLS.find((u) => u.field === field)?.label ?? "URL";
  return `The ${label} points to ${origin ?? "no valid origin"}, an origin this profile's secrets were not saved for: save the profile with its secrets again`;
}
