import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { DEFAULT_JOB_OPTIONS, DELIVERIES, JOBS, QUEUES } from "./constants.ts";
import { testJobId } from "./job-ids.ts";
import { JOB_PAYLOADS, type TokenRefreshPayload, type TokenTestPayload } from "./payloads.ts";

export const QUEUE_UNAVAILABLE =
  "The queue is unavailable right now; nothing was queued. Try again in a moment.";

export const createTokenQueue = (connection: Redis, prefix: string) =>
  new Queue(QUEUES.tokens, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });

export type TokenQueue = ReturnType<typeof createTokenQueue>;

/**
 * The run id is the job id, so pressing Test twice for one run enqueues one job. The token
 * request retries inside the job (with the provider's Retry-After); BullMQ delivers the job again
 * only when Authdeck itself failed to run it (DELIVERIES), and a worker that died mid-job is
 * covered by the stalled-job check (WORKER_LOCK), not by those deliveries.
 */
export async function enqueueTokenTest(queue: TokenQueue, payload: TokenTestPayload) {
  await queue.add(JOBS.tokenTest, JOB_PAYLOADS[JOBS.tokenTest].parse(payload), {
    jobId: testJobId(payload.runId),
  });
}

/** A refresh, under the job id that says who shares it (job-ids.ts), delayed to its due time. */
export async function enqueueTokenRefresh(
  queue: TokenQueue,
  payload: TokenRefreshPayload,
  options: { jobId: string; delayMs?: number },
) {
  await queue.add(JOBS.tokenRefresh, JOB_PAYLOADS[JOBS.tokenRefresh].parse(payload), {
    jobId: options.jobId,
    delay: Math.max(0, options.delayMs ?? 0),
    attempts: DELIVERIES.tokenRefresh,
  });
}
