import "server-only";
import { createProxyCache, type ProxyServiceDeps } from "@authdeck/core/api-calls";
import { createUsageBatch, type UsageBatch } from "@authdeck/core/api-keys";
import { webEnv } from "~/env.ts";
import { type ServerDeps, serverDeps } from "../deps.ts";
import { refreshAndWait } from "../token-api/wait-for-refresh.ts";

// One per process, like the dependencies they write through.
const holder = globalThis as typeof globalThis & { authdeckProxy?: ProxyServiceDeps };

/**
 * What the web's proxy route serves calls with: the server's dependencies, the token API's
 * shared refresh, usage counted in a batch written once a second per key, profile and minute
 * (calls through one key would otherwise queue on that row's lock), and the process's
 * short-lived copies of the key, profile and token reads (core's proxy-cache.ts).
 */
export function proxyServiceDeps(): ProxyServiceDeps {
  if (!holder.authdeckProxy) {
    const deps: ServerDeps = serverDeps();
    const usage: UsageBatch = createUsageBatch(deps.db, {
      onError: (error) => deps.log.warn({ err: error }, "proxy usage counts not written"),
    });
    holder.authdeckProxy = {
      ...deps,
      refresh: (state) => refreshAndWait(deps, state),
      limits: deps.proxyLimits,
      perKeyPerMinute: deps.limits.proxyPerKeyPerMinute,
      countUse: usage.count,
      cache: createProxyCache(webEnv().API_PROXY_CACHE_MS),
    };
  }
  return holder.authdeckProxy;
}
