import type { JobsOptions } from "bullmq";

/** Queue and job names, and the defaults every producer and worker share. */
export const QUEUES = {
  tokens: "tokens",
} as const;

export const JOBS = {
  tokenTest: "token.test",
  tokenRefresh: "token.refresh",
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 24 * 3_600 },
};

/**
 * A worker killed without warning leaves its job locked until the lock expires; these settings
 * bring the job back within about 15 s instead of BullMQ's default minute.
 */
export const WORKER_LOCK = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
} as const;

export const HEARTBEAT = {
  intervalMs: 5_000,
  // A worker that missed three beats counts as gone.
  staleAfterMs: 15_000,
} as const;
