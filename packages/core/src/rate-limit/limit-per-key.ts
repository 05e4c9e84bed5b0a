import { AppError } from "../errors/app-error.ts";
import { type RedisClient, untilReady } from "../queue/redis.ts";
import { enforceRateLimits } from "./enforce-rate-limits.ts";

const REDIS_UNAVAILABLE =
  "Authdeck cannot reach Redis right now, so no token is served; try again in a moment.";

/**
 * A per-key limit a minute of the token API or the proxy. Its counters live in Redis: right
 * after a process starts (or while Redis reconnects) it waits a second for the connection, and
 * when Redis is away the caller gets a 503 with Retry-After instead of an internal error.
 */
export async function limitPerKey(
  redis: RedisClient,
  prefix: string,
  rule: { key: string; limit: number; what: string },
): Promise<void> {
  try {
    await untilReady(redis, 1_000);
    await enforceRateLimits(redis, prefix, [{ ...rule, windowSeconds: 60 }]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("UNAVAILABLE", REDIS_UNAVAILABLE, { retryAfterSeconds: 5 });
  }
}

/** The per-key limit of API calls through the proxy, counted apart from token requests. */
export const limitProxyCalls = (
  deps: { redis: RedisClient; queuePrefix: string },
  apiKeyId: string,
  perMinute: number,
) =>
  limitPerKey(deps.redis, deps.queuePrefix, {
    key: `proxy:${apiKeyId}`,
    limit: perMinute,
    what: "API calls through the proxy with this API key",
  });
