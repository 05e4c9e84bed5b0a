import type { Db } from "../db/client.ts";
import { REFRESH_LEASE_MS } from "./refresh-token-state.ts";

export type DueRefresh = { stateId: string; teamId: string; lease: Date; dueAt: Date };

/**
 * Claims the token states due within `horizonMs`, oldest first, skipping the teams that hold
 * `perTeam` refreshes in flight already (one team's backlog, or its provider hanging, must not
 * take every place the scheduler's bound leaves). SKIP LOCKED and the lease let any number of
 * schedulers run side by side: each state goes to exactly one of them.
 */
export async function claimDueRefreshes(
  deps: { db: Db; now: () => Date },
  options: { horizonMs: number; batch: number; perTeam: number },
): Promise<DueRefresh[]> {
  const now = deps.now();
  const horizon = new Date(now.getTime() + options.horizonMs);
  const lease = new Date(now.getTime() + REFRESH_LEASE_MS);
  const rows = await deps.db.$queryRaw<
    Array<{ id: string; team_id: string; next_refresh_at: Date }>
  >`
    UPDATE token_state AS ts SET lease_until = ${lease}, status = 'refreshing'
    WHERE ts.id IN (
      SELECT s.id FROM token_state s
      JOIN authorization_profile p ON p.id = s.profile_id
      WHERE p.auto_refresh AND s.next_refresh_at <= ${horizon}
        AND (s.lease_until IS NULL OR s.lease_until < ${now})
        AND s.team_id NOT IN (
          SELECT team_id FROM token_state WHERE lease_until > ${now}
          GROUP BY team_id HAVING count(*) >= ${options.perTeam}
        )
      ORDER BY s.next_refresh_at
      LIMIT ${options.batch}
      FOR UPDATE OF s SKIP LOCKED
    )
    RETURNING ts.id::text AS id, ts.team_id::text AS team_id, ts.next_refresh_at`;
  return rows.map((row) => ({
    stateId: row.id,
    teamId: row.team_id,
    lease,
    dueAt: row.next_refresh_at,
  }));
}

/**
 * Refreshes claimed and not done yet (a lease still running), counted up to `upTo`: what the
 * workers have in hand or queued. The scheduler claims no more than its room below a bound, so
 * a backlog waits in PostgreSQL rather than as queued jobs whose leases run out before they start.
 */
export async function refreshesInFlight(
  deps: { db: Db; now: () => Date },
  upTo: number,
): Promise<number> {
  const [row] = await deps.db.$queryRaw<[{ count: bigint }]>`
    SELECT count(*) FROM (
      SELECT 1 FROM token_state WHERE lease_until > ${deps.now()} LIMIT ${upTo}
    ) leased`;
  return Number(row.count);
}
