import "server-only";
import { AppError } from "@authdeck/core/errors";
import { untilReady } from "@authdeck/core/queue";
import { enforceRateLimits } from "@authdeck/core/rate-limit";
import type { ServerDeps } from "~/server/deps.ts";

const REDIS_UNAVAILABLE =
  "Authdeck cannot reach Redis right now, so no token is served; try again in a moment.";

/**
 * The per-key limit of the token API. Its counters live in Redis: right after the web process
 * starts (or while Redis reconnects) it waits a second for the connection, and when Redis is
 * away the caller gets a 503 with Retry-After instead of an internal error.
 */
export async function limitTokenRequests(deps: ServerDeps, apiKeyId: string): Promise<void> {
  try {
    await untilReady(deps.redis, 1_000);
    await enforceRateLimits(deps.redis, deps.queuePrefix, [
      {
        key: `api:${apiKeyId}`,
        limit: deps.limits.apiPerKeyPerMinute,
        windowSeconds: 60,
        what: "token requests with this API key",
      },
    ]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("UNAVAILABLE", REDIS_UNAVAILABLE, { retryAfterSeconds: 5 });
  }
}
