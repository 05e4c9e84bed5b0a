import "server-only";
import { redisTargetOf } from "@authdeck/core/config";
import { createEventWakeUps } from "@authdeck/core/queue";
import type { WebEnv } from "~/env.ts";
import { createServerDeps } from "../deps.ts";
import { createServiceDeps } from "../service-deps.ts";
import { createTokenApi } from "./serve.ts";

/**
 * The token API as the web process (src/main.ts) runs it, over dependencies of its own (never
 * Next's: see createServerDeps), and how to close them: pending usage counts written, then the
 * subscriber, Redis and the pool.
 */
export function openTokenApi(env: WebEnv) {
  const deps = createServerDeps(env);
  const events = createEventWakeUps(redisTargetOf(env));
  const service = createServiceDeps(deps, events.wakeUps, env.API_PROXY_CACHE_MS);
  return {
    log: deps.log,
    serve: createTokenApi({ deps, service }),
    async close() {
      await service.closeUsage().catch(() => {});
      events.close();
      deps.redis.disconnect();
      await deps.db.$disconnect().catch(() => {});
    },
  };
}
