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
  use: { apiKeyId: string; profileId: string; at: Date; calls?: number },
): Promise<void> {
  const calls = use.calls ?? 1;
  await db.$executeRaw`
    INSERT INTO api_key_usage (api_key_id, minute, profile_id, calls)
    VALUES (${use.apiKeyId}::uuid, ${minuteOf(use.at)}, ${use.profileId}::uuid, ${calls})
    ON CONFLICT (api_key_id, minute, profile_id)
    DO UPDATE SET calls = api_key_usage.calls + ${calls}`;
}

export type ApiKeyUse = { apiKeyId: string; profileId: string; at: Date };

/**
 * Counts uses in memory and writes them every `flushMs`, one statement per key, profile and
 * minute: at hundreds of calls a second through one key, a write per call would queue every
 * call behind the same row's lock. A process that dies loses at most its last `flushMs` of
 * counts; `close` writes what is pending.
 */
export function createUsageBatch(
  db: Db,
  options: { flushMs?: number; onError?: (error: unknown) => void } = {},
) {
  const flushMs = options.flushMs ?? 1_000;
  let pending = new Map<string, Required<ApiKeyUse> & { calls: number }>();
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    timer = undefined;
    const rows = [...pending.values()];
    pending = new Map();
    for (const row of rows) {
      try {
        await countApiKeyUse(db, row);
      } catch (error) {
        options.onError?.(error);
      }
    }
  };
  return {
    count(use: ApiKeyUse): void {
      const minute = minuteOf(use.at);
      const id = `${use.apiKeyId}|${use.profileId}|${minute.getTime()}`;
      const row = pending.get(id);
      if (row) row.calls++;
      else pending.set(id, { ...use, at: minute, calls: 1 });
      if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        // Counting never keeps a process alive.
        timer.unref();
      }
    },
    async close(): Promise<void> {
      clearTimeout(timer);
      await flush();
    },
  };
}

export type UsageBatch = ReturnType<typeof createUsageBatch>;

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
