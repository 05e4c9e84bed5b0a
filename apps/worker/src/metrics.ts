import {
  createWorkerMetrics,
  type MetricsServer,
  startMetricsServer,
  type WorkerMetrics,
} from "@authdeck/core/metrics";
import { createTokenQueue, type RedisClient } from "@authdeck/core/queue";
import type { WorkerEnv } from "./env.ts";

export type ServedMetrics = WorkerMetrics & Pick<MetricsServer, "port" | "close">;

/**
 * The worker's Prometheus metrics on WORKER_METRICS_PORT, or null when it is not set. The queue
 * is read at each scrape over `redis`, a connection of the worker's that never blocks.
 */
export async function serveWorkerMetrics(
  env: Pick<
    WorkerEnv,
    "WORKER_METRICS_PORT" | "METRICS_HOST" | "METRICS_TOKEN" | "AUTHDECK_QUEUE_PREFIX"
  >,
  redis: RedisClient,
): Promise<ServedMetrics | null> {
  if (env.WORKER_METRICS_PORT === undefined) return null;
  const queue = createTokenQueue(redis, env.AUTHDECK_QUEUE_PREFIX);
  const metrics = createWorkerMetrics({ queues: [queue] });
  const server = await startMetricsServer({
    registry: metrics.registry,
    host: env.METRICS_HOST,
    port: env.WORKER_METRICS_PORT,
    token: env.METRICS_TOKEN,
  });
  return {
    ...metrics,
    port: server.port,
    async close() {
      await server.close();
      await queue.close();
    },
  };
}
