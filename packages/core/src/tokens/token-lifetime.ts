import type { TokenFacts } from "./token-facts.ts";

/**
 * The longest lifetime Authdeck believes. A provider may say anything (`expires_in: 1e13`, a
 * JWT `exp` of 1e300): past the year 275760 a Date is invalid and the token could not be
 * stored, and a token said to live for centuries would never be refreshed.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 365 * 24 * 3600;

const MAX_LIFETIME_MS = MAX_TOKEN_LIFETIME_SECONDS * 1000;

/**
 * When a token expires: expires_in, else the JWT's exp, else the profile's default lifetime;
 * never more than a year after it was obtained.
 */
export function expiryOf(options: {
  obtainedAt: Date;
  expiresIn: number | null;
  jwtExp: number | null;
  defaultLifetimeSeconds: number;
}): Date {
  const obtained = options.obtainedAt.getTime();
  const latest = obtained + MAX_LIFETIME_MS;
  if (options.expiresIn !== null && options.expiresIn > 0) {
    return new Date(Math.min(latest, obtained + options.expiresIn * 1000));
  }
  if (options.jwtExp !== null && options.jwtExp * 1000 > obtained) {
    return new Date(Math.min(latest, options.jwtExp * 1000));
  }
  return new Date(Math.min(latest, obtained + options.defaultLifetimeSeconds * 1000));
}

/** The run's warning when the provider's own lifetime was cut to a year; null otherwise. */
export function lifetimeWarning(
  facts: Pick<TokenFacts, "expiresIn"> & { jwt: { claims: Record<string, unknown> } | null },
  now: Date,
) {
  if (facts.expiresIn !== null && facts.expiresIn > 0) {
    return facts.expiresIn > MAX_TOKEN_LIFETIME_SECONDS
      ? `expires_in is ${facts.expiresIn} s, more than a year: Authdeck treats the token as expiring one year after it was obtained`
      : null;
  }
  const exp = facts.jwt?.claims.exp;
  return typeof exp === "number" && exp * 1000 > now.getTime() + MAX_LIFETIME_MS
    ? "The JWT's exp is more than a year away: Authdeck treats the token as expiring one year after it was obtained"
    : null;
}
