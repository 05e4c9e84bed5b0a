import type { Dashboard } from "../dashboard-types.ts";

export type TimelineRow = {
  key: string;
  label: string;
  obtainedAt: Date | null;
  expiresAt: Date | null;
  nextRefreshAt: Date | null;
};

/** Every token of the app that has an expiry or a refresh to show, one row each. */
export function timelineRows(dashboard: Dashboard): TimelineRow[] {
  return dashboard.profiles.flatMap((profile) =>
    profile.tokens
      .filter((token) => token.expiresAt || token.nextRefreshAt)
      .map((token) => ({
        key: `${profile.id}:${token.tenant}`,
        label: profile.tenancyEnabled ? `${profile.name} · ${token.tenant}` : profile.name,
        obtainedAt: token.obtainedAt,
        expiresAt: token.expiresAt,
        nextRefreshAt: token.nextRefreshAt,
      })),
  );
}

/** The next thing to happen to a row's token after `now`: its refresh or its expiry. */
const nextEvent = (row: TimelineRow, now: number) => {
  const ahead = [row.nextRefreshAt, row.expiresAt]
    .map((at) => at?.getTime() ?? Number.NaN)
    .filter((at) => at > now);
  return ahead.length > 0 ? Math.min(...ahead) : Number.POSITIVE_INFINITY;
};

/**
 * The rows soonest to need attention first (what happens next, then the rest as they were), so
 * the first few of a hundred are the ones worth watching.
 */
export function bySoonest(rows: TimelineRow[], now: number): TimelineRow[] {
  return rows
    .map((row, index) => ({ row, index, at: nextEvent(row, now) }))
    .sort((a, b) => (a.at === b.at ? a.index - b.index : a.at - b.at))
    .map(({ row }) => row);
}
