import type { Logger } from "@authdeck/core/logging";
import { publishApiCallEvent, publishRunEvent, type TokenQueue } from "@authdeck/core/queue";
import { failLostApiCalls } from "@authdeck/core/request-console";
import { recoverLostRuns } from "@authdeck/core/test-runs";
import type { WorkerDeps } from "./registry.ts";

const EVERY_MS = 5_000;

/**
 * Every few seconds, gives tests whose job was lost their job back, or their verdict, and says
 * of console requests that were lost that they were. Any number of workers may do this at once:
 * a job id is the run id, and verdicts are guarded.
 */
export function startRunRecovery(deps: WorkerDeps & { queue: TokenQueue; log: Logger }) {
  let running: Promise<void> | null = null;
  const sweep = async () => {
    try {
      const { requeued, failed } = await recoverLostRuns(deps);
      for (const runId of failed) {
        await publishRunEvent(deps.publisher, deps.queuePrefix, { runId, status: "failed" });
      }
      if (requeued.length + failed.length > 0)
        deps.log.warn({ requeued, failed }, "recovered tests whose job was lost");
      const lostCalls = await failLostApiCalls(deps);
      for (const call of lostCalls)
        await publishApiCallEvent(deps.publisher, deps.queuePrefix, {
          teamId: call.teamId,
          profileId: call.profileId,
          callId: call.id,
          status: "failed",
        });
      if (lostCalls.length > 0)
        deps.log.warn({ calls: lostCalls.map((c) => c.id) }, "console requests lost");
    } catch (error) {
      deps.log.warn({ err: error }, "lost-test recovery failed");
    }
  };
  const timer = setInterval(() => {
    running ??= sweep().finally(() => {
      running = null;
    });
  }, EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
