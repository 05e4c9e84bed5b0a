import type { Logger } from "@authdeck/core/logging";
import { removeUnusedTenants } from "@authdeck/core/tokens";
import { type PassTiming, startPeriodicPass } from "./periodic.ts";
import type { WorkerDeps } from "./registry.ts";

const EVERY_MS = 60 * 60_000;
// Not at start: a starting worker's first moments belong to the refreshes and tests due.
const FIRST_AFTER_MS = 60_000;

/**
 * A minute after start and then hourly, removes the tenant token states nobody asked for in
 * TENANT_LIMITS.unusedDays, so made-up tenants stop being refreshed. Any number of workers may
 * do this at once: a second delete finds nothing left.
 */
export function startTenantExpiry(
  deps: Pick<WorkerDeps, "db" | "now"> & { log: Logger },
  timing: PassTiming = { firstAfterMs: FIRST_AFTER_MS, everyMs: EVERY_MS },
) {
  const sweep = async () => {
    try {
      const removed = await removeUnusedTenants(deps);
      if (removed > 0) deps.log.info({ removed }, "removed tenant tokens nobody asked for");
    } catch (error) {
      deps.log.warn({ err: error }, "tenant token expiry failed");
    }
  };
  return startPeriodicPass(sweep, timing);
}
