/**
 * Clock skew between Authdeck and a provider.
 *
 * Client assertions and DPoP proofs carry Authdeck's time (`iat`, and `exp` for an assertion).
 * Authdeck does not shift those claims to allow for skew: the provider applies its own tolerance
 * (oidc-provider's clockTolerance, Keycloak's allowed clock skew, Entra's five minutes), an earlier
 * `iat` would shorten the assertion's life or stretch `exp - iat` past the cap providers enforce,
 * and a wrong clock is better fixed than hidden. What Authdeck does is say so: the provider's
 * `Date` header tells its clock to the second, and a run that signed something names a difference
 * large enough to matter.
 */

/** Below this, a difference is the Date header's one-second grain plus the answer's travel. */
export const CLOCK_SKEW_NOTICE_SECONDS = 10;

/**
 * How far the provider's clock is ahead of Authdeck's (negative: behind), in whole seconds, from
 * its Date header and the time Authdeck read the answer; null without a readable Date header.
 */
export function providerClockSkewSeconds(
  headers: Readonly<Record<string, string>>,
  answeredAt: Date,
): number | null {
  const date = headers.date;
  if (!date) return null;
  const providerMs = Date.parse(date);
  if (Number.isNaN(providerMs)) return null;
  // The header drops the milliseconds: compare whole seconds on both sides.
  return Math.floor(providerMs / 1000) - Math.floor(answeredAt.getTime() / 1000);
}

/**
 * The warning a run carries when it signed an assertion or a DPoP proof and the provider's clock
 * is at least CLOCK_SKEW_NOTICE_SECONDS away from Authdeck's, naming what that breaks.
 */
export function clockSkewWarning(
  headers: Readonly<Record<string, string>>,
  answeredAt: Date,
  signed: { assertionLifetimeSeconds: number | null; dpop: boolean },
): string | null {
  if (signed.assertionLifetimeSeconds === null && !signed.dpop) return null;
  const skew = providerClockSkewSeconds(headers, answeredAt);
  if (skew === null || Math.abs(skew) < CLOCK_SKEW_NOTICE_SECONDS) return null;
  const what = [
    signed.assertionLifetimeSeconds !== null ? "client assertions" : null,
    signed.dpop ? "DPoP proofs" : null,
  ]
    .filter(Boolean)
    .join(" and ");
  const consequence =
    skew > 0
      ? signed.assertionLifetimeSeconds !== null && skew >= signed.assertionLifetimeSeconds
        ? `an assertion with a lifetime of ${signed.assertionLifetimeSeconds} s has expired by the provider's clock when it arrives`
        : "the provider may judge them old or expired"
      : "the provider may judge them issued in the future";
  return `The provider's clock is ${formatSkew(Math.abs(skew))} ${skew > 0 ? "ahead of" : "behind"} Authdeck's (its Date header): ${what} carry Authdeck's time, so ${consequence}. Check that both clocks are set by NTP.`;
}

function formatSkew(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
