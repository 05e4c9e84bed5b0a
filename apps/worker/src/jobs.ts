import { JOB_PAYLOADS, JOBS, type JobName } from "@authdeck/core/queue";
import { apiCall } from "./processors/api-call.ts";
import { healthCheck } from "./processors/health-check.ts";
import { notificationDeliver } from "./processors/notification-deliver.ts";
import { tokenRefresh } from "./processors/token-refresh.ts";
import { tokenTest } from "./processors/token-test.ts";
import { defineJob, type JobDefinition, type JobRegistry, type WorkerDeps } from "./registry.ts";

/**
 * Every job this worker runs: core names each job and its payload, this adds the handlers, and
 * a job core adds without a handler here does not compile.
 */
export const createJobs = (deps: WorkerDeps): JobRegistry =>
  ({
    [JOBS.tokenTest]: defineJob({
      schema: JOB_PAYLOADS[JOBS.tokenTest],
      handle: (payload, context) => tokenTest(deps, payload, context),
    }),
    [JOBS.tokenRefresh]: defineJob({
      schema: JOB_PAYLOADS[JOBS.tokenRefresh],
      handle: (payload, context) => tokenRefresh(deps, payload, context),
    }),
    [JOBS.healthCheck]: defineJob({
      schema: JOB_PAYLOADS[JOBS.healthCheck],
      handle: (payload, context) => healthCheck(deps, payload, context),
    }),
    [JOBS.apiCall]: defineJob({
      schema: JOB_PAYLOADS[JOBS.apiCall],
      handle: (payload, context) => apiCall(deps, payload, context),
    }),
    [JOBS.notificationDeliver]: defineJob({
      schema: JOB_PAYLOADS[JOBS.notificationDeliver],
      handle: (payload, context) => notificationDeliver(deps, payload, context),
    }),
  }) satisfies Record<JobName, JobDefinition>;
