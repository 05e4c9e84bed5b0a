import { type Logger, withoutDatabaseDetails } from "@authdeck/core/logging";
import {
  forgetWorker,
  HEARTBEAT,
  QUEUES,
  recordHeartbeat,
  WORKER_LOCK,
} from "@authdeck/core/queue";
import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { JobRegistry } from "./registry.ts";

export type RunningWorker = { id: string; close: () => Promise<void> };

/**
 * Runs the registry's jobs from the tokens queue. Unknown names and payloads that fail their
 * schema are dropped (failed without retry, logged): retrying cannot make them valid.
 */
export function startWorker(options: {
  connection: Redis;
  prefix: string;
  registry: JobRegistry;
  concurrency: number;
  log: Logger;
  workerId: string;
}): RunningWorker {
  const { registry, log } = options;
  const worker = new Worker(
    QUEUES.tokens,
    async (job) => {
      const definition = Object.hasOwn(registry, job.name) ? registry[job.name] : undefined;
      if (!definition) {
        log.error({ jobId: job.id, jobName: job.name }, "dropping job with unknown name");
        throw new UnrecoverableError(`unknown job name "${job.name}"`);
      }
      const parsed = definition.schema.safeParse(job.data);
      if (!parsed.success) {
        log.error(
          { jobId: job.id, jobName: job.name, issues: parsed.error.issues.length },
          "dropping job with invalid payload",
        );
        throw new UnrecoverableError(`invalid payload for "${job.name}"`);
      }
      try {
        return await definition.handle(parsed.data, {
          job,
          log: log.child({ jobId: job.id, jobName: job.name }),
        });
      } catch (error) {
        // BullMQ keeps a failed job's message in Redis and hands it to the "failed" log line.
        throw withoutDatabaseDetails(error);
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      ...WORKER_LOCK,
    },
  );
  worker.on("failed", (job, error) => {
    log.warn({ jobId: job?.id, jobName: job?.name, err: error }, "job failed");
  });
  worker.on("error", (error) => log.error({ err: error }, "worker error"));

  const beat = () =>
    recordHeartbeat(options.connection, options.prefix, options.workerId, new Date()).catch(
      (error) => log.warn({ err: error }, "heartbeat not written"),
    );
  void beat();
  const timer = setInterval(beat, HEARTBEAT.intervalMs);

  return {
    id: options.workerId,
    async close() {
      clearInterval(timer);
      // Waits for the jobs in hand to finish; takes no new ones meanwhile.
      await worker.close();
      await forgetWorker(options.connection, options.prefix, options.workerId).catch(() => {});
    },
  };
}
