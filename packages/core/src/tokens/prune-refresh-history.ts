import type { Db } from "../db/client.ts";
import { REFRESH_TRIGGERS } from "../shared/run-status.ts";

/**
 * How much refresh history is kept: the runs of the last `days`, at most the newest
 * `perProfile` of each profile (the token dashboard draws 60), refreshes the token API or a
 * person ("Refresh now") asked for included. Test runs, which people start, are kept as long as their profile.
 */
export const REFRESH_HISTORY = { days: 30, perProfile: 500 } as const;

const BATCH = 5_000;
const REFRESHES = [...REFRESH_TRIGGERS];
const PROFILES_PER_PASS = 200;

/**
 * Deletes refresh runs past REFRESH_HISTORY, in small batches so that no statement holds many
 * rows at once. Any number of workers may run it side by side: a run is deleted once.
 */
export async function pruneRefreshHistory(deps: {
  db: Db;
  now: () => Date;
}): Promise<{ deleted: number }> {
  const cutoff = new Date(deps.now().getTime() - REFRESH_HISTORY.days * 24 * 3600 * 1000);
  let deleted = 0;
  for (;;) {
    const count = await deps.db.$executeRaw`
      DELETE FROM test_run WHERE id IN (
        SELECT id FROM test_run WHERE trigger = ANY(${REFRESHES}::"RunTrigger"[]) AND queued_at < ${cutoff} LIMIT ${BATCH}
      )`;
    deleted += count;
    if (count < BATCH) break;
  }
  let after: string | undefined;
  for (;;) {
    const profiles = await deps.db.authorizationProfile.findMany({
      where: after ? { id: { gt: after } } : {},
      select: { id: true },
      orderBy: { id: "asc" },
      take: PROFILES_PER_PASS,
    });
    if (profiles.length === 0) break;
    // For each profile, the newest run it keeps (by time, then id), and every older one goes.
    deleted += await deps.db.$executeRaw`
      DELETE FROM test_run r USING (
        SELECT p.id AS profile_id, kept.queued_at, kept.id
        FROM unnest(${profiles.map((p) => p.id)}::uuid[]) AS p(id)
        CROSS JOIN LATERAL (
          SELECT t.queued_at, t.id FROM test_run t
          WHERE t.profile_id = p.id AND t.trigger = ANY(${REFRESHES}::"RunTrigger"[])
          ORDER BY t.queued_at DESC, t.id DESC
          OFFSET ${REFRESH_HISTORY.perProfile - 1} LIMIT 1
        ) kept
      ) last
      WHERE r.profile_id = last.profile_id AND r.trigger = ANY(${REFRESHES}::"RunTrigger"[])
        AND (r.queued_at, r.id) < (last.queued_at, last.id)`;
    after = profiles.at(-1)?.id;
  }
  return { deleted };
}
