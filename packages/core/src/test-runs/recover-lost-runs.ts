import type { Db } from "../db/client.ts";
import { testJobId } from "../queue/job-ids.ts";
import { enqueueTokenTest, type TokenQueue } from "../queue/token-queue.ts";
import { UNFINISHED_RUN_STATUSES } from "../shared/run-status.ts";
import { markRunFailed } from "./run-token-test.ts";

/** A run waits this long for its job before its job counts as lost. */
export const LOST_AFTER_MS = 20_000;

export type Recovered = { requeued: string[]; failed: string[] };

/**
 * Tests still queued or running well after they were started, whose job is gone: Redis lost it
 * (restarted without persistence) or it gave up while the database was away, so nothing would
 * ever write its verdict. A missing job is queued again under the run's id; a job that failed
 * for good gets the verdict its last attempt could not write.
 */
export async function recoverLostRuns(
  deps: { db: Db; queue: TokenQueue; now: () => Date },
  options: { batch: number } = { batch: 100 },
): Promise<Recovered> {
  const stale = await deps.db.testRun.findMany({
    where: {
      trigger: "test",
      status: { in: [...UNFINISHED_RUN_STATUSES] },
      queuedAt: { lt: new Date(deps.now().getTime() - LOST_AFTER_MS) },
    },
    select: { id: true, teamId: true },
    orderBy: { queuedAt: "asc" },
    take: options.batch,
  });
  const recovered: Recovered = { requeued: [], failed: [] };
  for (const { id, teamId } of stale) {
    const state = await deps.queue.getJobState(testJobId(id));
    if (state === "unknown") {
      await enqueueTokenTest(deps.queue, { runId: id, teamId });
      recovered.requeued.push(id);
    } else if (state === "failed") {
      await markRunFailed(deps, id, "Authdeck could not run this test; try again");
      recovered.failed.push(id);
    }
  }
  return recovered;
}
