import { JOBS, tokenRefreshPayload, tokenTestPayload } from "@authdeck/core/queue";
import { tokenRefresh } from "./processors/token-refresh.ts";
import { tokenTest } from "./processors/token-test.ts";
import { defineJob, type JobRegistry, type WorkerDeps } from "./registry.ts";

/** Every job this worker runs, by the names in core's queue constants. */
export const createJobs = (deps: WorkerDeps): JobRegistry => ({
  [JOBS.tokenTest]: defineJob({
    schema: tokenTestPayload,
    handle: (payload, context) => tokenTest(deps, payload, context),
  }),
  [JOBS.tokenRefresh]: defineJob({
    schema: tokenRefreshPayload,
    handle: (payload, context) => tokenRefresh(deps, payload, context),
  }),
});
