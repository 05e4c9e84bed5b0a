import { AppError } from "../errors/app-error.ts";
import type { RedisClient } from "../queue/redis.ts";

export type RateLimit = { key: string; limit: number; windowSeconds: number; what: string };

/**
 * Fixed-window counters in Redis, shared by every web process. The first limit that is
 * exceeded answers with when to try again.
 */
export async function enforceRateLimits(
  redis: RedisClient,
  prefix: string,
  limits: readonly RateLimit[],
) {
  for (const limit of limits) {
    const key = `${prefix}:ratelimit:${limit.key}`;
    const [[, count], [, ttl]] = (await redis.multi().incr(key).ttl(key).exec()) as [
      [null, number],
      [null, number],
    ];
    if (ttl < 0) await redis.expire(key, limit.windowSeconds);
    if (count > limit.limit) {
      const retryAfterSeconds = ttl > 0 ? ttl : limit.windowSeconds;
      throw new AppError(
        "RATE_LIMITED",
        `Too many ${limit.what}: at most ${limit.limit} a minute. Try again in ${retryAfterSeconds} s.`,
        { retryAfterSeconds },
      );
    }
  }
}
