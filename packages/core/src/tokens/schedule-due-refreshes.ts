import type { Db } from "../db/client.ts";
import { type Publisher, publishEvent, teamTokensTopic } from "../queue/events.ts";
import { scheduledRefreshJobId } from "../queue/job-ids.ts";
import { enqueueTokenRefresh, type TokenQueue } from "../queue/token-queue.ts";
import { claimDueRefreshes } from "./claim-due-refreshes.ts";

/**
 * One pass of the refresh scheduler: claims the token states due within `horizonMs`, `batch` at
 * a time until none are left, and queues each refresh delayed to its due time. The claim lives
 * in PostgreSQL, so a restart loses nothing and any number of workers can do this side by side;
 * the job id is the claim, so a claim is queued once.
 */
export async function scheduleDueRefreshes(
  deps: {
    db: Db;
    now: () => Date;
    queue: TokenQueue;
    publisher: Publisher;
    queuePrefix: string;
  },
  options: { horizonMs: number; batch: number },
): Promise<void> {
  for (;;) {
    const due = await claimDueRefreshes(deps, options);
    const now = deps.now().getTime();
    await Promise.all(
      due.map((d) =>
        enqueueTokenRefresh(
          deps.queue,
          { stateId: d.stateId, lease: d.lease.toISOString(), teamId: d.teamId },
          { jobId: scheduledRefreshJobId(d), delayMs: d.dueAt.getTime() - now },
        ),
      ),
    );
    // Dashboards show these tokens as refreshing from now on.
    for (const teamId of new Set(due.map((d) => d.teamId))) {
      await publishEvent(deps.publisher, teamTokensTopic(deps.queuePrefix, teamId), {
        status: "refreshing",
      });
    }
    if (due.length < options.batch) return;
  }
}
