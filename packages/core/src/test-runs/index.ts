export { MAX_HTTP_ATTEMPTS } from "../tokens/request-token.ts";
export { CANCELLED_MESSAGE, cancelTest } from "./cancel-test.ts";
export type { TestDeps } from "./deps.ts";
export { getRun, listRuns, type PresentedRun, presentRun } from "./get-run.ts";
export { LOST_AFTER_MS, type Recovered, recoverLostRuns } from "./recover-lost-runs.ts";
export { revealRunToken, TOKEN_EXPIRED, TOKEN_REPLACED } from "./reveal-run-token.ts";
export { markRunFailed, type RunnerDeps, runTokenTest } from "./run-token-test.ts";
export { startTest } from "./start-test.ts";
