import type { Logger } from "@authdeck/core/logging";
import { removeUnusedTenants } from "@authdeck/core/tokens";
import type { WorkerDeps } from "./registry.ts";

const EVERY_MS = 60 * 60_000;

/**
 * At start and then hourly, removes the tenant token states nobody asked for in
 * TENANT_LIMITS.unusedDays, so made-up tenants stop being refreshed. Any number of workers may
 * do this at once: a second delete finds nothing left.
 */
export function startTenantExpiry(deps: WorkerDeps & { log: Logger }) {
  let running: Promise<void> | null = null;
  const sweep = async () => {
    try {
      const removed = await removeUnusedTenants(deps);
      if (removed > 0) deps.log.info({ removed }, "removed tenant tokens nobody asked for");
    } catch (error) {
      deps.log.warn({ reason: (error as Error).message }, "tenant token expiry failed");
    }
  };
  const start = () => {
    running ??= sweep().finally(() => {
      running = null;
    });
  };
  start();
  const timer = setInterval(start, EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
