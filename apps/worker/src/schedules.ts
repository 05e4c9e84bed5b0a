import { scheduleDueHealthChecks } from "@authdeck/core/health-checks";
import type { Logger } from "@authdeck/core/logging";
import { scheduleDueDeliveries } from "@authdeck/core/notifications";
import type { TokenQueue } from "@authdeck/core/queue";
import { scheduleDueRefreshes } from "@authdeck/core/tokens";
import type { WorkerDeps } from "./registry.ts";

const TICK_MS = 500;
const BATCH = 500;
/**
 * Refreshes claimed and not done, at most, over every worker on the queue: about 20 s of one
 * worker's work on the bench's machine, well inside the 90 s lease, and more than twice what
 * 100,000 two-minute tokens make due in a second. A quarter of it for one team, so that one
 * team's backlog or hanging provider leaves most of it to the others.
 */
const MAX_REFRESHES_IN_FLIGHT = 2_000;
const MAX_REFRESHES_IN_FLIGHT_PER_TEAM = 500;

/**
 * Every half second, queues the refreshes and the health checks due within the next second
 * (core's scheduleDueRefreshes and scheduleDueHealthChecks), each delayed to its due time, and the
 * notification deliveries due now. A tick still running when the next is
 * due makes that one skip.
 */
export function startRefreshScheduler(deps: WorkerDeps & { queue: TokenQueue; log: Logger }) {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await scheduleDueRefreshes(deps, {
        horizonMs: 2 * TICK_MS,
        batch: BATCH,
        maxInFlight: MAX_REFRESHES_IN_FLIGHT,
        maxInFlightPerTeam: MAX_REFRESHES_IN_FLIGHT_PER_TEAM,
      });
      await scheduleDueHealthChecks(deps, { horizonMs: 2 * TICK_MS, batch: BATCH });
      await scheduleDueDeliveries(deps, { batch: BATCH });
    } catch (error) {
      deps.log.warn({ err: error }, "refresh scheduler tick failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, TICK_MS);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
