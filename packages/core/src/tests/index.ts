export type { TestDeps } from "./deps.ts";
export { getRun, listRuns, type PresentedRun, presentRun } from "./get-run.ts";
export { MAX_ATTEMPTS, markRunFailed, type RunnerDeps, runTokenTest } from "./run-token-test.ts";
export { QUEUE_UNAVAILABLE, startTest } from "./start-test.ts";
