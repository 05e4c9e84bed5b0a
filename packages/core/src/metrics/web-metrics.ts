import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type WebMetrics = {
  registry: Registry;
  /** One token API request answered with `status`, `durationMs` after it arrived. */
  tokenApiAnswered(event: { status: number; durationMs: number }): void;
  /** A live stream opened; the function it returns closes it (once, however often called). */
  streamOpened(): () => void;
};

/** The class of an HTTP status as a label: 2xx, 4xx, 5xx. */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** The web app's metrics with the process's own (memory, CPU, event loop), in a new registry. */
export function createWebMetrics(): WebMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const tokenApi = new Counter({
    name: "authdeck_token_api_requests_total",
    help: "Token API requests, by the class of the status they were answered with",
    labelNames: ["status_class"] as const,
    registers,
  });
  const tokenApiSeconds = new Histogram({
    name: "authdeck_token_api_request_duration_seconds",
    help: "Time the token API took to answer, a refresh it waited for included",
    labelNames: ["status_class"] as const,
    buckets: SECONDS,
    registers,
  });
  const streams = new Gauge({
    name: "authdeck_live_streams",
    help: "Live update streams (SSE) open on this web process",
    registers,
  });
  return {
    registry,
    tokenApiAnswered({ status, durationMs }) {
      const labels = { status_class: statusClass(status) };
      tokenApi.inc(labels);
      tokenApiSeconds.observe(labels, durationMs / 1_000);
    },
    streamOpened() {
      streams.inc();
      let open = true;
      return () => {
        if (open) streams.dec();
        open = false;
      };
    },
  };
}
