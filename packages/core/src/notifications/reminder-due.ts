import { expiryFlag } from "../inventory/attention.ts";

export type ExpiryStep = { threshold: number; daysLeft: number };

/**
 * The expiry reminder a credential calls for at `now`: the tightest threshold reached (30, 7 or
 * 1 days, as the inventory flags it), so an expiry first seen 3 days away is reminded of at 7
 * only; threshold 0 once it has expired; none while more than 30 days away.
 */
export function expiryReminderOf(expiresAt: Date, now: Date): ExpiryStep | null {
  const flag = expiryFlag(expiresAt, now);
  if (flag?.kind === "expired") return { threshold: 0, daysLeft: 0 };
  if (flag?.kind === "expiring") return { threshold: flag.threshold, daysLeft: flag.days };
  return null;
}
