/**
 * What in a credential needs a person's attention, and in which order the inventory lists
 * credentials: pure, so the thresholds can be tested with a fixed clock.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Warnings start this many days before an expiry and grow more urgent at each threshold. */
export const EXPIRY_THRESHOLDS = [30, 7, 1] as const;
export type ExpiryThreshold = (typeof EXPIRY_THRESHOLDS)[number];

/** A credential without a token and without a use for this long is stale. */
export const STALE_AFTER_DAYS = 90;

export type CredentialFacts = {
  name: string;
  /** The earliest of the client secret's expiry and the client certificate's notAfter. */
  expiresAt: Date | null;
  lastTokenAt: Date | null;
  lastUsedAt: Date | null;
  refreshFailing: boolean;
  healthFailing: boolean;
  /** A credential never used is judged from the day it was made, not flagged stale at birth. */
  createdAt: Date;
};

export type Flag =
  | { kind: "expired"; label: string }
  | { kind: "expiring"; label: string; days: number; threshold: ExpiryThreshold }
  | { kind: "failing"; label: string }
  | { kind: "stale"; label: string };

/** "Expires in N days" within 30 days, with the tightest threshold reached (30, 7 or 1). */
export function expiryFlag(expiresAt: Date | null, now: Date): Flag | null {
  if (!expiresAt) return null;
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return { kind: "expired", label: "Expired" };
  const days = Math.ceil(left / DAY_MS);
  const threshold = [...EXPIRY_THRESHOLDS].reverse().find((t) => days <= t);
  if (threshold === undefined) return null;
  return {
    kind: "expiring",
    label: `Expires in ${days} ${days === 1 ? "day" : "days"}`,
    days,
    threshold,
  };
}

export function isStale(facts: CredentialFacts, now: Date): boolean {
  const last = Math.max(
    facts.lastTokenAt?.getTime() ?? 0,
    facts.lastUsedAt?.getTime() ?? 0,
    facts.createdAt.getTime(),
  );
  return now.getTime() - last >= STALE_AFTER_DAYS * DAY_MS;
}

export function flagsOf(facts: CredentialFacts, now: Date): Flag[] {
  const flags: Flag[] = [];
  const expiry = expiryFlag(facts.expiresAt, now);
  if (expiry) flags.push(expiry);
  if (facts.refreshFailing || facts.healthFailing)
    flags.push({ kind: "failing", label: "Failing" });
  if (isStale(facts, now)) flags.push({ kind: "stale", label: "Stale" });
  return flags;
}

/** 0 first: expired or expiring, failing refresh, failing health, stale, then the rest. */
export function attentionGroup(facts: CredentialFacts, now: Date): number {
  if (expiryFlag(facts.expiresAt, now)) return 0;
  if (facts.refreshFailing) return 1;
  if (facts.healthFailing) return 2;
  if (isStale(facts, now)) return 3;
  return 4;
}

/**
 * "Needs attention first": by group, then the soonest expiry (none last), then by name, so
 * the order is the same on every load.
 */
export function rankByAttention<T extends CredentialFacts>(items: readonly T[], now: Date): T[] {
  const keyed = items.map((item) => ({ item, group: attentionGroup(item, now) }));
  keyed.sort(
    (a, b) =>
      a.group - b.group ||
      (a.item.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) -
        (b.item.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) ||
      a.item.name.localeCompare(b.item.name),
  );
  return keyed.map((k) => k.item);
}
