export { checkHealth, type Health, type ServiceHealth } from "./check-health.ts";
