export { bearerMatches } from "./bearer.ts";
export { type MetricsServer, startMetricsServer } from "./metrics-server.ts";
export type { WorkObserver } from "./observer.ts";
export { boundedLabel, providerHost } from "./provider-host.ts";
export { createProxyMetrics, type ProxyMetrics } from "./proxy-metrics.ts";
export { createWebMetrics, statusClass, type WebMetrics } from "./web-metrics.ts";
export { createWorkerMetrics, type WorkerMetrics } from "./worker-metrics.ts";
