import type { ProfileView, TokenView } from "./dashboard-types.ts";
import { statusAt, type TokenStatus } from "./token-states.ts";

export type ProfileSummary = {
  /** The tokens the row speaks for: the one token, or each tenant's (none before the first). */
  tokens: TokenView[];
  /** How many tokens are in each state, worst first; states no token is in are left out. */
  states: Array<{ state: TokenStatus; count: number }>;
  /** The expiry the row counts down to: the soonest still ahead, else the latest one passed. */
  expiresAt: Date | null;
  /** The latest failure of a token whose refreshes are failing, with its tenant under tenancy. */
  lastError: { text: string; tenant: string; failing: number } | null;
};

// Worst first, so a glance at the first badge of a row tells whether something needs a look.
// A record, so the compiler asks for a place for every state there is.
const RANK: Record<TokenStatus, number> = {
  failing: 0,
  expired: 1,
  refreshing: 2,
  fresh: 3,
  none: 4,
};

/** One row's worth of a profile's tokens at `now`, by the state rule every page uses. */
export function summarizeProfile(profile: ProfileView, now: number): ProfileSummary {
  // A profile with tenancy starts with a placeholder row for the tenant nobody asked for yet.
  const tokens = profile.tenancyEnabled
    ? profile.tokens.filter((t) => !(t.tenant === "" && t.status === "none"))
    : profile.tokens;
  const counts = new Map<TokenStatus, number>();
  for (const token of tokens) {
    const state = statusAt(token, now);
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  const expiries = tokens.flatMap((t) => (t.expiresAt ? [t.expiresAt.getTime()] : []));
  const ahead = expiries.filter((at) => at > now);
  const expiry = ahead.length > 0 ? Math.min(...ahead) : Math.max(...expiries);
  const failing = tokens.filter((t) => t.consecutiveFailures > 0);
  const worst = failing.sort((a, b) => b.consecutiveFailures - a.consecutiveFailures)[0];
  return {
    tokens,
    states: [...counts]
      .sort(([a], [b]) => RANK[a] - RANK[b])
      .map(([state, count]) => ({ state, count })),
    expiresAt: expiries.length > 0 ? new Date(expiry) : null,
    lastError: worst
      ? {
          text: worst.lastError ?? "The last refresh failed",
          tenant: worst.tenant,
          failing: failing.length,
        }
      : null,
  };
}
