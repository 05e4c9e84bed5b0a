export { type ApiProbeDeps, createApiProbe } from "./api-probe.ts";
export { appHealth } from "./app-health.ts";
export { checkHealthNow } from "./check-now.ts";
export {
  claimDueHealthChecks,
  type DueHealthCheck,
  HEALTH_LEASE_MS,
} from "./claim-due-health-checks.ts";
export { getHealthCheck, SHOWN_RESULTS } from "./get-health-check.ts";
export {
  type HealthCheckDeps,
  KEPT_RESULTS,
  type Probe,
  type ProbeOutcome,
  runHealthCheck,
} from "./run-health-check.ts";
export { saveHealthCheck } from "./save-health-check.ts";
export { scheduleDueHealthChecks } from "./schedule-due-health-checks.ts";
