/**
 * When to refresh a token: ahead of expiry by min(15 minutes, 20% of its lifetime), moved
 * earlier by up to a tenth of that lead at random so tokens obtained together do not all
 * refresh in the same second. Never later than the lead itself.
 */
export function nextRefreshAt(
  obtainedAt: Date,
  expiresAt: Date,
  random: () => number = Math.random,
): Date {
  const lifetime = Math.max(0, expiresAt.getTime() - obtainedAt.getTime());
  const lead = Math.min(15 * 60_000, lifetime * 0.2);
  const jitter = lead * 0.1 * random();
  return new Date(expiresAt.getTime() - lead - jitter);
}

export const FAILING_AFTER = 3;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * After `failures` refreshes in a row failed: wait exponentially longer (5 s, 10 s, 20 s... up
 * to 5 minutes), but while the current token is still valid, try again before it expires.
 */
export function retryAt(failures: number, now: Date, expiresAt: Date | null): Date {
  const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  const retry = now.getTime() + wait;
  if (expiresAt && expiresAt.getTime() > now.getTime()) {
    const beforeExpiry = now.getTime() + (expiresAt.getTime() - now.getTime()) / 2;
    return new Date(Math.min(retry, Math.max(beforeExpiry, now.getTime() + 1_000)));
  }
  return new Date(retry);
}
