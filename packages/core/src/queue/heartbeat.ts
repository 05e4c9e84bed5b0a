import { HEARTBEAT } from "./constants.ts";
import type { RedisClient } from "./redis.ts";

// One sorted set per deployment: member = worker id, score = time of its last beat.
const heartbeatKey = (prefix: string) => `${prefix}:workers`;

export async function recordHeartbeat(
  redis: RedisClient,
  prefix: string,
  workerId: string,
  now: Date,
) {
  await redis.zadd(heartbeatKey(prefix), now.getTime(), workerId);
}

export async function forgetWorker(redis: RedisClient, prefix: string, workerId: string) {
  await redis.zrem(heartbeatKey(prefix), workerId);
}

export async function liveWorkers(
  redis: RedisClient,
  prefix: string,
  now: Date,
): Promise<{ count: number; lastBeatAt: Date | null }> {
  const key = heartbeatKey(prefix);
  const since = now.getTime() - HEARTBEAT.staleAfterMs;
  await redis.zremrangebyscore(key, "-inf", String(since - 24 * 3_600_000));
  const [count, newest] = await Promise.all([
    redis.zcount(key, String(since), "+inf"),
    redis.zrange(key, "-1", "-1", "WITHSCORES"),
  ]);
  return { count, lastBeatAt: newest[1] ? new Date(Number(newest[1])) : null };
}
