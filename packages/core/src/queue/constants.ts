import type { JobsOptions } from "bullmq";

/** Queue and job names, and the defaults every producer and worker share. */
export const QUEUES = {
  tokens: "tokens",
} as const;

export const JOBS = {
  tokenTest: "token.test",
  tokenRefresh: "token.refresh",
  healthCheck: "health.check",
  apiCall: "api.call",
  notificationDeliver: "notification.deliver",
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

/**
 * How many times BullMQ may deliver each job (its `attempts` option; the HTTP attempts of one
 * token request happen inside a single delivery, see request-token.ts).
 *
 * A test job is delivered again only when Authdeck itself could not run it (the provider's
 * answers are verdicts, not failures), mostly because PostgreSQL was away. Eight deliveries
 * 0.5 s, 1 s, 2 s ... apart ride out about a minute of database restart; three 1 s apart gave up
 * after 3 s and left the run queued for ever, since its verdict could not be written either.
 * A refresh is delivered once: one that could not run keeps its lease until it runs out, and
 * then the scheduler (or the next token API caller) asks again. A health check likewise: its
 * claim runs out and the scheduler claims it again. A notification's delivery likewise: its retries,
 * with their growing waits, are kept in its row (notifications/deliver-notification.ts), which
 * survives Redis. A console's API call is delivered once: the
 * API may not take a second copy of a POST kindly, so a call whose worker died is reported lost.
 */
export const DELIVERIES = {
  tokenTest: 8,
  tokenRefresh: 1,
  healthCheck: 1,
  apiCall: 1,
  notificationDeliver: 1,
} as const;

/** The queue's defaults, which token tests use as they are. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: DELIVERIES.tokenTest,
  backoff: { type: "exponential", delay: 500 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 24 * 3_600 },
};

/** Whether this delivery of a job is its last: if it fails, BullMQ gives up on the job. */
export const isLastDelivery = (job: { attemptsMade: number; opts: { attempts?: number } }) =>
  job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * A worker killed without warning leaves its job locked until the lock expires; another worker
 * takes it back at its next stalled-job check. So a killed job runs again at worst
 * lockDuration + stalledInterval after the kill: 12 s here, inside the promised 15 s (BullMQ's
 * defaults take up to a minute; 10 s + 5 s sat exactly on the promise).
 */
export const WORKER_LOCK = {
  lockDuration: 8_000,
  stalledInterval: 4_000,
} as const;

export const HEARTBEAT = {
  intervalMs: 5_000,
  // A worker that missed three beats counts as gone.
  staleAfterMs: 15_000,
} as const;
