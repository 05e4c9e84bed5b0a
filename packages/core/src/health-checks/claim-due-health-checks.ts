import type { Db } from "../db/client.ts";

/** How long a worker may hold a check: longer than a probe and the refresh it may need first. */
export const HEALTH_LEASE_MS = 120_000;

export type DueHealthCheck = { checkId: string; teamId: string; lease: Date; dueAt: Date };

/**
 * Claims the enabled checks due within `horizonMs`, oldest first, each until a lease: SKIP
 * LOCKED and the lease give each check to exactly one of any number of schedulers, and the
 * claim lives in PostgreSQL, so a restart loses nothing (an unfinished claim runs out and the
 * check is claimed again).
 */
export async function claimDueHealthChecks(
  deps: { db: Db; now: () => Date },
  options: { horizonMs: number; batch: number },
): Promise<DueHealthCheck[]> {
  const now = deps.now();
  const horizon = new Date(now.getTime() + options.horizonMs);
  const lease = new Date(now.getTime() + HEALTH_LEASE_MS);
  const rows = await deps.db.$queryRaw<Array<{ id: string; team_id: string; next_check_at: Date }>>`
    UPDATE health_check AS hc SET lease_until = ${lease}
    WHERE hc.id IN (
      SELECT c.id FROM health_check c
      WHERE c.enabled AND c.next_check_at <= ${horizon}
        AND (c.lease_until IS NULL OR c.lease_until < ${now})
      ORDER BY c.next_check_at
      LIMIT ${options.batch}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING hc.id::text AS id, hc.team_id::text AS team_id, hc.next_check_at`;
  return rows.map((row) => ({
    checkId: row.id,
    teamId: row.team_id,
    lease,
    dueAt: row.next_check_at,
  }));
}
