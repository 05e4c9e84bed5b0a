import { z } from "zod";

/**
 * Who may read the metrics. With METRICS_TOKEN set, every scrape sends it as a bearer token;
 * the worker's metrics server listens on METRICS_HOST (loopback unless the operator opens it).
 */
export const metricsEnvShape = {
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
};
