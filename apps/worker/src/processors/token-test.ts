import {
  isLastDelivery,
  publishRunEvent,
  type RunEvent,
  type TokenTestPayload,
} from "@authdeck/core/queue";
import { markRunFailed, runTokenTest } from "@authdeck/core/test-runs";
import type { JobContext, WorkerDeps } from "../registry.ts";

export async function tokenTest(
  deps: WorkerDeps,
  payload: TokenTestPayload,
  { job, log, seat }: JobContext,
) {
  const publish = (event: RunEvent) => publishRunEvent(deps.publisher, deps.queuePrefix, event);
  try {
    return await runTokenTest(
      { ...deps, publish, awaitProvider: seat.awaitProvider },
      payload.runId,
    );
  } catch (error) {
    // Not the provider's doing (the database went away, say): BullMQ delivers the job again,
    // and after the last delivery the run gets a verdict instead of staying "running" for ever.
    log.error({ runId: payload.runId, err: error }, "token test failed to run");
    if (isLastDelivery(job)) {
      await markRunFailed(deps, payload.runId, "Authdeck could not run this test; try again").catch(
        () => {},
      );
      await publish({ runId: payload.runId, status: "failed" }).catch(() => {});
    }
    throw error;
  }
}
