import { type Logger, withoutDatabaseDetails } from "@authdeck/core/logging";
import type { WorkerMetrics } from "@authdeck/core/metrics";
import {
  bullPrefix,
  forgetWorker,
  HEARTBEAT,
  QUEUES,
  type RedisClient,
  recordHeartbeat,
  WORKER_LOCK,
} from "@authdeck/core/queue";
import { DelayedError, UnrecoverableError, Worker } from "bullmq";
import type { JobRegistry } from "./registry.ts";
import { createSlots } from "./slots.ts";

// A job of a team already holding its share goes back to the queue for about this long.
const TURN_WAIT_MS = 1_000;

export type RunningWorker = { id: string; close: () => Promise<void> };

/**
 * Runs the registry's jobs from the tokens queue, sharing its slots between teams as
 * `createSlots` says. Unknown names and payloads that fail their schema are dropped (failed
 * without retry, logged): retrying cannot make them valid.
 */
export function startWorker(options: {
  connection: RedisClient;
  prefix: string;
  registry: JobRegistry;
  concurrency: number;
  log: Logger;
  workerId: string;
  metrics?: Pick<WorkerMetrics, "jobEnded"> | undefined;
}): RunningWorker {
  const { registry, log } = options;
  let closing = false;
  let waking = Promise.resolve();
  let wakePending = false;
  const slots = createSlots({
    concurrency: options.concurrency,
    onCapacity(capacity) {
      const grew = capacity > worker.concurrency;
      worker.concurrency = capacity;
      if (!grew || wakePending) return;
      // BullMQ looks for more jobs only when one ends; a pause and resume (without waiting for
      // the jobs in hand) makes it look at once, with whatever room slow jobs gave up by then.
      wakePending = true;
      waking = waking
        .then(async () => {
          wakePending = false;
          if (closing) return;
          await worker.pause(true);
          await worker.resume();
        })
        .catch((error) => log.warn({ err: error }, "worker not woken for a freed slot"));
    },
  });
  const worker = new Worker(
    QUEUES.tokens,
    async (job, token) => {
      const definition = Object.hasOwn(registry, job.name) ? registry[job.name] : undefined;
      if (!definition) {
        log.error({ jobId: job.id, jobName: job.name }, "dropping job with unknown name");
        throw new UnrecoverableError(`unknown job name "${job.name}"`);
      }
      const payload = definition.read(job.data);
      if (!payload.ok) {
        log.error(
          { jobId: job.id, jobName: job.name, issues: payload.issues },
          "dropping job with invalid payload",
        );
        throw new UnrecoverableError(`invalid payload for "${job.name}"`);
      }
      const seat = slots.admit(payload.teamId);
      if (!seat) {
        await job.moveToDelayed(Date.now() + TURN_WAIT_MS * (1 + Math.random()), token);
        throw new DelayedError();
      }
      const started = performance.now();
      const ended = (result: "completed" | "failed") =>
        options.metrics?.jobEnded({
          job: job.name,
          result,
          durationMs: performance.now() - started,
        });
      try {
        const result = await payload.handle({
          job,
          log: log.child({ jobId: job.id, jobName: job.name }),
          seat,
        });
        ended("completed");
        return result;
      } catch (error) {
        ended("failed");
        // BullMQ keeps a failed job's message in Redis and hands it to the "failed" log line.
        throw withoutDatabaseDetails(error);
      } finally {
        seat.release();
      }
    },
    {
      connection: options.connection,
      prefix: bullPrefix(options.connection, options.prefix),
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
      closing = true;
      clearInterval(timer);
      await waking;
      // Waits for the jobs in hand to finish; takes no new ones meanwhile.
      await worker.close();
      await forgetWorker(options.connection, options.prefix, options.workerId).catch(() => {});
    },
  };
}
