import type { ProxyServiceDeps } from "@authdeck/core/api-calls";
import { createUsageBatch } from "@authdeck/core/api-keys";
import { proxyLimitsOf, redisTargetOf } from "@authdeck/core/config";
import { createSealer } from "@authdeck/core/crypto";
import { createDb } from "@authdeck/core/db";
import type { Logger } from "@authdeck/core/logging";
import { createEventWakeUps, createRedis, createTokenQueue } from "@authdeck/core/queue";
import { createServiceCache, refreshAndWait } from "@authdeck/core/tokens";
import type { ProxyProcessEnv } from "./env.ts";

/**
 * The proxy process's dependencies, as the web assembles its route's (server/service-deps.ts):
 * the token API's shared refresh (enqueued for the worker, woken by the token's events), usage
 * counted in a batch, and the short-lived copies of the per-call reads.
 */
export function createProxyDeps(env: ProxyProcessEnv, log: Logger) {
  const target = redisTargetOf(env);
  const redis = createRedis(target, "producer");
  // A Redis that is down must not crash the process; calls fail fast with a 503 instead.
  redis.on("error", () => {});
  const db = createDb({ databaseUrl: env.DATABASE_URL });
  const queue = createTokenQueue(redis, env.AUTHDECK_QUEUE_PREFIX);
  const events = createEventWakeUps(target);
  const usage = createUsageBatch(db, {
    onError: (error) => log.warn({ err: error }, "proxy usage counts not written"),
  });
  const now = () => new Date();
  const base = { db, now, queue, queuePrefix: env.AUTHDECK_QUEUE_PREFIX };
  const deps: ProxyServiceDeps = {
    ...base,
    redis,
    log,
    sealer: createSealer(env.AUTHDECK_SEALING_KEYS),
    egressAllow: env.AUTHDECK_EGRESS_ALLOW,
    egressTeamMayAllow: env.AUTHDECK_EGRESS_TEAM_MAY_ALLOW,
    refresh: (state) => refreshAndWait({ ...base, wakeUps: events.wakeUps }, state, "api"),
    limits: proxyLimitsOf(env),
    perKeyPerMinute: env.API_PROXY_RATE_LIMIT_PER_KEY,
    countUse: usage.count,
    cache: createServiceCache(env.API_PROXY_CACHE_MS),
  };
  return {
    deps,
    /** Writes the pending usage counts and closes the connections. */
    async close() {
      await usage.close();
      events.close();
      await queue.close();
      redis.disconnect();
      await db.$disconnect();
    },
  };
}
