import { type ApiCallPayload, publishApiCallEvent } from "@authdeck/core/queue";
import { runApiCall } from "@authdeck/core/request-console";
import type { JobContext, WorkerDeps } from "../registry.ts";
import { refreshInJob } from "./refresh-in-job.ts";

/** Sends one request from the console; a token that is not usable is refreshed by this job. */
export async function apiCall(deps: WorkerDeps, payload: ApiCallPayload, { seat }: JobContext) {
  const result = await runApiCall(
    {
      ...deps,
      refresh: refreshInJob(deps, seat),
      publish: (event) => publishApiCallEvent(deps.publisher, deps.queuePrefix, event),
    },
    { callId: payload.callId },
  );
  return { result };
}
