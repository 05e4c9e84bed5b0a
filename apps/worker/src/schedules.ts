import type { Logger } from "@authdeck/core/logging";
import { enqueueTokenRefresh, type TokenQueue, teamTokenChannel } from "@authdeck/core/queue";
import { claimDueRefreshes } from "@authdeck/core/tokens";
import type { WorkerDeps } from "./registry.ts";

const TICK_MS = 500;
const BATCH = 500;

/**
 * Every half second, claims the token states due within the next second and queues their
 * refreshes, each delayed to its due time. The state lives in PostgreSQL, so a restart loses
 * nothing, and any number of workers can run this side by side.
 */
export function startRefreshScheduler(deps: WorkerDeps & { queue: TokenQueue; log: Logger }) {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      for (;;) {
        const due = await claimDueRefreshes(deps, { horizonMs: 2 * TICK_MS, batch: BATCH });
        const now = deps.now().getTime();
        await Promise.all(
          due.map((d) =>
            enqueueTokenRefresh(
              deps.queue,
              { stateId: d.stateId, lease: d.lease.toISOString(), teamId: d.teamId },
              {
                jobId: `refresh:${d.stateId}:${d.lease.getTime()}`,
                delayMs: d.dueAt.getTime() - now,
              },
            ),
          ),
        );
        // Dashboards show these tokens as refreshing from now on.
        for (const teamId of new Set(due.map((d) => d.teamId))) {
          await deps.publisher.publish(
            teamTokenChannel(deps.queuePrefix, teamId),
            JSON.stringify({ status: "refreshing" }),
          );
        }
        if (due.length < BATCH) break;
      }
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
