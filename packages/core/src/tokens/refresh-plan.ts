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

/** How often a deployment lets the worker refresh one token on schedule. */
export type RefreshPolicy = {
  /** No scheduled refresh sooner than this after a token was obtained. */
  minIntervalMs: number;
};

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = { minIntervalMs: 30_000 };

const MAX_SHORT_LIVED_WAIT_MS = 60 * 60_000;

export type RefreshPlan = {
  nextRefreshAt: Date;
  shortLivedCount: number;
  refreshNote: string | null;
};

/**
 * The next scheduled refresh of a token just obtained: as `nextRefreshAt` says, but never
 * sooner than the policy's interval after it was obtained. A token living no longer than that
 * interval cannot be kept valid by refreshing on schedule (the token API fetches one when asked
 * for): each such token in a row doubles the wait, up to an hour, and says so.
 */
export function planRefresh(
  token: { obtainedAt: Date; expiresAt: Date; shortLivedBefore: number },
  policy: RefreshPolicy,
  random: () => number = Math.random,
): RefreshPlan {
  const obtained = token.obtainedAt.getTime();
  const lifetime = token.expiresAt.getTime() - obtained;
  if (lifetime > policy.minIntervalMs) {
    const planned = nextRefreshAt(token.obtainedAt, token.expiresAt, random);
    return {
      nextRefreshAt: new Date(Math.max(planned.getTime(), obtained + policy.minIntervalMs)),
      shortLivedCount: 0,
      refreshNote: null,
    };
  }
  const count = token.shortLivedBefore + 1;
  const wait = Math.min(MAX_SHORT_LIVED_WAIT_MS, policy.minIntervalMs * 2 ** (count - 1));
  return {
    nextRefreshAt: new Date(obtained + wait),
    shortLivedCount: count,
    refreshNote: `Tokens from this provider live ${span(lifetime)}, less than the ${span(policy.minIntervalMs)} Authdeck leaves between refreshes: ${count} in a row, so the next one on schedule waits ${span(wait)}. The token API still fetches one when asked.`,
  };
}

const span = (ms: number) =>
  ms < 1_000
    ? `${Math.max(0, Math.round(ms))} ms`
    : ms < 120_000
      ? `${Math.round(ms / 1_000)} s`
      : `${Math.round(ms / 60_000)} min`;

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
