import "server-only";
import type { ProxyServiceDeps } from "@authdeck/core/api-calls";
import { createUsageBatch, type UsageBatch } from "@authdeck/core/api-keys";
import { createServiceCache } from "@authdeck/core/tokens";
import { webEnv } from "~/env.ts";
import { type ServerDeps, serverDeps } from "./deps.ts";
import { refreshAndWait } from "./token-api/wait-for-refresh.ts";

// One per process, like the dependencies they write through.
const holder = globalThis as typeof globalThis & { authdeckService?: ProxyServiceDeps };

/**
 * What the web serves services with, the token API and the proxy route alike: the server's
 * dependencies, the token API's shared refresh, usage counted in a batch written once a second
 * per key, profile and minute (calls through one key would otherwise queue on that row's lock),
 * and the process's short-lived copies of the key, profile and token reads (core's
 * tokens/service-cache.ts; the token API reads the key itself on every call). Without them a
 * token API call cost three to five PostgreSQL queries and a write, and two web processes
 * answered about 150 calls/s (docs/scaling.md).
 */
export function serviceDeps(): ProxyServiceDeps {
  if (!holder.authdeckService) {
    const deps: ServerDeps = serverDeps();
    const usage: UsageBatch = createUsageBatch(deps.db, {
      onError: (error) => deps.log.warn({ err: error }, "API key usage counts not written"),
    });
    holder.authdeckService = {
      ...deps,
      refresh: (state) => refreshAndWait(deps, state),
      limits: deps.proxyLimits,
      perKeyPerMinute: deps.limits.proxyPerKeyPerMinute,
      countUse: usage.count,
      cache: createServiceCache(webEnv().API_PROXY_CACHE_MS),
    };
  }
  return holder.authdeckService;
}
