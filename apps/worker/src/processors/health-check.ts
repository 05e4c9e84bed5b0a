import { createApiProbe, runHealthCheck } from "@authdeck/core/health-checks";
import { type HealthCheckPayload, publishHealthEvent } from "@authdeck/core/queue";
import type { JobContext, WorkerDeps } from "../registry.ts";
import { refreshInJob } from "./refresh-in-job.ts";

/** Runs one claimed health check; a token that is not usable is refreshed by this job. */
export async function healthCheck(
  deps: WorkerDeps,
  payload: HealthCheckPayload,
  { log, seat }: JobContext,
) {
  const probe = createApiProbe({ ...deps, refresh: refreshInJob(deps, seat) });
  const result = await runHealthCheck(
    {
      db: deps.db,
      now: deps.now,
      probe,
      publish: (event) => publishHealthEvent(deps.publisher, deps.queuePrefix, event),
    },
    { checkId: payload.checkId, lease: new Date(payload.lease) },
  );
  if (result === "failing") log.info({ checkId: payload.checkId }, "health check failing");
  return { result };
}
