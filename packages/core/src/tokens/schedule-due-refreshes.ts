import type { Db } from "../db/client.ts";
import { type Publisher, publishEvent, teamTokensTopic } from "../queue/events.ts";
import { scheduledRefreshJobId } from "../queue/job-ids.ts";
import { enqueueTokenRefresh, type TokenQueue } from "../queue/token-queue.ts";
import { claimDueRefreshes, refreshesInFlight } from "./claim-due-refreshes.ts";

/**
 * One pass of the refresh scheduler: claims the token states due within `horizonMs`, `batch` at
 * a time until none are left, and queues each refresh delayed to its due time. The claim lives
 * in PostgreSQL, so a restart loses nothing and any number of workers can do this side by side;
 * the job id is the claim, so a claim is queued once.
 *
 * At most `maxInFlight` refreshes are claimed and not done at once, and about `maxInFlightPerTeam`
 * of one team's (a pass claims at most that many, so a team ends at most one pass over it).
 * Without a bound, a backlog
 * (100,000 states due, or a worker back after an outage) was claimed whole and queued; leases ran
 * out before the jobs started, the states were claimed and queued again, and the worker spent
 * its time on jobs already stale. A state left unclaimed stays due, first in line next pass.
 */
export async function scheduleDueRefreshes(
  deps: {
    db: Db;
    now: () => Date;
    queue: TokenQueue;
    publisher: Publisher;
    queuePrefix: string;
  },
  options: { horizonMs: number; batch: number; maxInFlight: number; maxInFlightPerTeam: number },
): Promise<void> {
  for (;;) {
    const room = options.maxInFlight - (await refreshesInFlight(deps, options.maxInFlight));
    const batch = Math.min(options.batch, room, options.maxInFlightPerTeam);
    if (batch <= 0) return;
    const due = await claimDueRefreshes(deps, {
      horizonMs: options.horizonMs,
      batch,
      perTeam: options.maxInFlightPerTeam,
    });
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
    if (due.length < batch) return;
  }
}
