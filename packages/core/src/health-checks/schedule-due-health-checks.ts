import type { Db } from "../db/client.ts";
import { healthCheckJobId } from "../queue/job-ids.ts";
import { enqueueHealthCheck, type TokenQueue } from "../queue/token-queue.ts";
import { claimDueHealthChecks } from "./claim-due-health-checks.ts";

/**
 * One pass of the health check scheduler: claims the checks due within `horizonMs`, `batch` at
 * a time until none are left, and queues each delayed to its due time, under its claim's job id.
 */
export async function scheduleDueHealthChecks(
  deps: { db: Db; now: () => Date; queue: TokenQueue },
  options: { horizonMs: number; batch: number },
): Promise<number> {
  let queued = 0;
  for (;;) {
    const due = await claimDueHealthChecks(deps, options);
    const now = deps.now().getTime();
    await Promise.all(
      due.map((d) =>
        enqueueHealthCheck(
          deps.queue,
          { checkId: d.checkId, lease: d.lease.toISOString(), teamId: d.teamId },
          { jobId: healthCheckJobId(d), delayMs: d.dueAt.getTime() - now },
        ),
      ),
    );
    queued += due.length;
    if (due.length < options.batch) return queued;
  }
}
