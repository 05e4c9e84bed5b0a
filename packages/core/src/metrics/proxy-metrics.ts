import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { statusClass } from "./web-metrics.ts";

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type ProxyMetrics = {
  registry: Registry;
  /** One proxied call answered with `status`, its headers sent `durationMs` after it arrived. */
  callAnswered(event: { status: number; durationMs: number }): void;
};

/** The proxy process's metrics with the process's own, in a new registry. */
export function createProxyMetrics(): ProxyMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const calls = new Counter({
    name: "authdeck_proxy_requests_total",
    help: "Calls through the proxy, by the class of the status they were answered with",
    labelNames: ["status_class"] as const,
    registers,
  });
  const seconds = new Histogram({
    name: "authdeck_proxy_request_duration_seconds",
    help: "Time from a call's arrival to its answer's headers (the body then streams), a token refresh included",
    labelNames: ["status_class"] as const,
    buckets: SECONDS,
    registers,
  });
  return {
    registry,
    callAnswered({ status, durationMs }) {
      const labels = { status_class: statusClass(status) };
      calls.inc(labels);
      seconds.observe(labels, durationMs / 1_000);
    },
  };
}
