import { JOBS, tokenTestPayload } from "@authdeck/core/queue";
import { tokenTest } from "./processors/token-test.ts";
import { defineJob, type JobRegistry, type WorkerDeps } from "./registry.ts";

/** Every job this worker runs, by the names in core's queue constants. */
export const createJobs = (deps: WorkerDeps): JobRegistry => ({
  [JOBS.tokenTest]: defineJob({
    schema: tokenTestPayload,
    handle: (payload, context) => tokenTest(deps, payload, context),
  }),
});
