import { Queue } from "bullmq";
import type { z } from "zod";
import { DEFAULT_JOB_OPTIONS, DELIVERIES, JOBS, QUEUES } from "./constants.ts";
import { apiCallJobId, deliveryJobId, testJobId } from "./job-ids.ts";
import {
  type ApiCallPayload,
  type HealthCheckPayload,
  JOB_PAYLOADS,
  type NotificationDeliverPayload,
  type TokenRefreshPayload,
  type TokenTestPayload,
} from "./payloads.ts";
import { bullPrefix, type RedisClient } from "./redis.ts";

export const QUEUE_UNAVAILABLE =
  "The queue is unavailable right now; nothing was queued. Try again in a moment.";

export const createTokenQueue = (connection: RedisClient, prefix: string) =>
  new Queue(QUEUES.tokens, {
    connection,
    prefix: bullPrefix(connection, prefix),
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });

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

type KeyedOptions = { jobId: string; delayMs?: number };

/** A job under an id that says who shares it (job-ids.ts), delayed to its due time. */
async function enqueueKeyed<Name extends "tokenRefresh" | "healthCheck">(
  queue: TokenQueue,
  name: Name,
  payload: z.input<(typeof JOB_PAYLOADS)[(typeof JOBS)[Name]]>,
  options: KeyedOptions,
) {
  await queue.add(JOBS[name], JOB_PAYLOADS[JOBS[name]].parse(payload), {
    jobId: options.jobId,
    delay: Math.max(0, options.delayMs ?? 0),
    attempts: DELIVERIES[name],
  });
}

/** A refresh: everyone asking about the same version of a token shares its job. */
export const enqueueTokenRefresh = (
  queue: TokenQueue,
  payload: TokenRefreshPayload,
  options: KeyedOptions,
) => enqueueKeyed(queue, "tokenRefresh", payload, options);

/** A claimed health check; the claim is the job id, so it is queued once. */
export const enqueueHealthCheck = (
  queue: TokenQueue,
  payload: HealthCheckPayload,
  options: KeyedOptions,
) => enqueueKeyed(queue, "healthCheck", payload, options);

/** A console's API call, under its row's id; delivered once (DELIVERIES). */
export async function enqueueApiCall(queue: TokenQueue, payload: ApiCallPayload) {
  await queue.add(JOBS.apiCall, JOB_PAYLOADS[JOBS.apiCall].parse(payload), {
    jobId: apiCallJobId(payload.callId),
    attempts: DELIVERIES.apiCall,
  });
}

/** A claimed notification delivery; the claim is the job id, so it is queued once. */
export async function enqueueDelivery(queue: TokenQueue, payload: NotificationDeliverPayload) {
  const lease = new Date(payload.lease);
  await queue.add(JOBS.notificationDeliver, JOB_PAYLOADS[JOBS.notificationDeliver].parse(payload), {
    jobId: deliveryJobId({ deliveryId: payload.deliveryId, lease }),
    attempts: DELIVERIES.notificationDeliver,
  });
}
