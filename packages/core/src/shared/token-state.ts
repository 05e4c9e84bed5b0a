/**
 * The state a person sees for a token, in one vocabulary on every page (the profile list, the
 * Tokens page): decided here once, from the stored row and the clock.
 */
export const TOKEN_STATES = ["fresh", "refreshing", "failing", "expired", "none"] as const;
export type TokenStateName = (typeof TOKEN_STATES)[number];

export const TOKEN_STATE_LABELS: Record<TokenStateName, string> = {
  fresh: "Fresh",
  refreshing: "Refreshing",
  failing: "Refresh failing",
  expired: "Expired",
  none: "No token",
};

type StoredToken = {
  status: string;
  expiresAt: Date | null;
  /** Whether a token was ever obtained: a row made for a first refresh has none. */
  hasToken: boolean;
  leaseUntil?: Date | null;
};

/**
 * A token past its expiry is expired whatever the row says, and a row that never held a token
 * has none (it is not "expired"); a refresh under way shows as refreshing.
 */
export function tokenStateAt(token: StoredToken | null, now: Date): TokenStateName {
  if (!token) return "none";
  if (token.leaseUntil && token.leaseUntil > now) return "refreshing";
  if (token.status === "failing") return "failing";
  if (!token.expiresAt || token.expiresAt <= now) return token.hasToken ? "expired" : "none";
  return token.status === "refreshing" ? "refreshing" : "fresh";
}

/** A state read earlier, moved on by the page's clock: a fresh token past its expiry is expired. */
export function tokenStateNow(
  state: TokenStateName,
  expiresAt: Date | null,
  now: Date,
): TokenStateName {
  return state === "fresh" && expiresAt !== null && expiresAt <= now ? "expired" : state;
}
