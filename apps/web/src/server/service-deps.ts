import "server-only";
import type { ProxyServiceDeps } from "@authdeck/core/api-calls";
import { createUsageBatch } from "@authdeck/core/api-keys";
import type { EventWakeUps } from "@authdeck/core/queue";
import { createServiceCache, refreshAndWait } from "@authdeck/core/tokens";
import { webEnv } from "~/env.ts";
import type { ServerDeps } from "./deps.ts";
import { serverDeps } from "./deps.ts";
import { wakeUps } from "./events.ts";

// One per process, like the dependencies they write through.
const holder = globalThis as typeof globalThis & { authdeckService?: ProxyServiceDeps };

/** The proxy route's service dependencies (createServiceDeps) over the routes' serverDeps. */
export function serviceDeps(): ProxyServiceDeps {
  holder.authdeckService ??= createServiceDeps(serverDeps(), wakeUps, webEnv().API_PROXY_CACHE_MS);
  return holder.authdeckService;
}

/**
 * What the web serves services with: the server's dependencies, the refresh of a stale token
 * (core's refreshAndWait, woken by the token's events and recorded as asked for by the token
 * API), usage counted in a batch written once a second per key, profile and minute (calls
 * through one key would otherwise queue on that row's lock), and short-lived copies of the key,
 * profile and token reads (core's tokens/service-cache.ts; the token API reads the key itself on
 * every call). Without them a token API call cost three to five PostgreSQL queries and a write
 * (docs/scaling.md).
 */
export function createServiceDeps(
  deps: ServerDeps,
  wakeUps: EventWakeUps["wakeUps"],
  cacheMs: number,
): ProxyServiceDeps & { closeUsage: () => Promise<void> } {
  const usage = createUsageBatch(deps.db, {
    onError: (error) => deps.log.warn({ err: error }, "API key usage counts not written"),
  });
  return {
    ...deps,
    refresh: (state) => refreshAndWait({ ...deps, wakeUps }, state, "api"),
    limits: deps.proxyLimits,
    perKeyPerMinute: deps.limits.proxyPerKeyPerMinute,
    countUse: usage.count,
    cache: createServiceCache(cacheMs),
    // Writes the counts still pending, when a process stops.
    closeUsage: usage.close,
  };
}
