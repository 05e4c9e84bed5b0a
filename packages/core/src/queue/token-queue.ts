import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { DEFAULT_JOB_OPTIONS, JOBS, QUEUES } from "./constants.ts";

/**
 * Job payloads carry ids only: the worker reads everything else, secrets included, itself. The
 * team's id lets the worker share its slots between teams before reading anything (jobs queued
 * before it was added have none).
 */
export const tokenTestPayload = z.object({ runId: z.uuid(), teamId: z.uuid().optional() });
export type TokenTestPayload = z.infer<typeof tokenTestPayload>;

export const QUEUE_UNAVAILABLE =
  "The queue is unavailable right now; nothing was queued. Try again in a moment.";

export const createTokenQueue = (connection: Redis, prefix: string) =>
  new Queue(QUEUES.tokens, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });

export type TokenQueue = ReturnType<typeof createTokenQueue>;

/**
 * The run id is the job id, so pressing Test twice for one run enqueues one job. The token
 * request retries inside the job (with the provider's Retry-After); BullMQ delivers the job again
 * only when Authdeck itself failed to run it (DEFAULT_JOB_OPTIONS), and a worker that died
 * mid-job is covered by the stalled-job check (WORKER_LOCK), not by those deliveries.
 */
export async function enqueueTokenTest(queue: TokenQueue, payload: TokenTestPayload) {
  await queue.add(JOBS.tokenTest, tokenTestPayload.parse(payload), { jobId: payload.runId });
}

/** A refresh of one token state; `lease` is present when the scheduler already claimed it. */
export const tokenRefreshPayload = z.object({
  stateId: z.uuid(),
  lease: z.iso.datetime().optional(),
  teamId: z.uuid().optional(),
});
export type TokenRefreshPayload = z.infer<typeof tokenRefreshPayload>;

/**
 * Scheduled refreshes are unique per state and due time; on-demand ones per state and version
 * of the row, so everyone asking for the same stale token shares one refresh.
 */
export async function enqueueTokenRefresh(
  queue: TokenQueue,
  payload: TokenRefreshPayload,
  options: { jobId: string; delayMs?: number },
) {
  await queue.add(JOBS.tokenRefresh, tokenRefreshPayload.parse(payload), {
    jobId: options.jobId,
    delay: Math.max(0, options.delayMs ?? 0),
    attempts: 1,
  });
}
