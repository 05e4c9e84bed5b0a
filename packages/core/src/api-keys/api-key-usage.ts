import type { Db } from "../db/client.ts";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** How long call counts are kept: the worker deletes older ones every hour. */
export const USAGE_RETENTION_DAYS = 90;

const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);

/**
 * Counts one token API call answered with a token, in its key's, profile's and minute's row.
 * One statement, insert or add one, so calls at the same moment all count. The audit log keeps
 * what changes a key (created, revoked), not each use of it.
 */
export async function countApiKeyUse(
  db: Db,
  use: { apiKeyId: string; profileId: string; at: Date },
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO api_key_usage (api_key_id, minute, profile_id, calls)
    VALUES (${use.apiKeyId}::uuid, ${minuteOf(use.at)}, ${use.profileId}::uuid, 1)
    ON CONFLICT (api_key_id, minute, profile_id)
    DO UPDATE SET calls = api_key_usage.calls + 1`;
}

/** The calls each key made in the 24 hours before `now` (by whole minutes). */
export async function callsLast24h(db: Db, apiKeyIds: string[], now: Date) {
  const sums = await db.apiKeyUsage.groupBy({
    by: ["apiKeyId"],
    where: {
      apiKeyId: { in: apiKeyIds },
      minute: { gt: new Date(now.getTime() - DAY_MS), lte: now },
    },
    _sum: { calls: true },
  });
  return new Map(sums.map((s) => [s.apiKeyId, s._sum.calls ?? 0]));
}
