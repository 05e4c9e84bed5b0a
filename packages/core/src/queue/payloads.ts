import { z } from "zod";
import { JOBS, type JobName } from "./constants.ts";

/**
 * Job payloads carry ids only: the worker reads everything else, secrets included, itself. The
 * team's id lets the worker share its slots between teams before reading anything (jobs queued
 * before it was added have none).
 */
export const tokenTestPayload = z.object({ runId: z.uuid(), teamId: z.uuid().optional() });
export type TokenTestPayload = z.infer<typeof tokenTestPayload>;

/** Who asked for a refresh, as its run records it: the scheduler (or "Refresh now"), or the token API. */
export const REFRESH_TRIGGERS = ["refresh", "api"] as const;
export type RefreshTrigger = (typeof REFRESH_TRIGGERS)[number];

/**
 * A refresh of one token state; `lease` is present when the scheduler already claimed it.
 * Without `trigger` (jobs queued before it was added) the run counts as a refresh.
 */
export const tokenRefreshPayload = z.object({
  stateId: z.uuid(),
  lease: z.iso.datetime().optional(),
  teamId: z.uuid().optional(),
  trigger: z.enum(REFRESH_TRIGGERS).optional(),
});
export type TokenRefreshPayload = z.infer<typeof tokenRefreshPayload>;

/** Each job's payload by job name: producers check it before queueing, the worker reads by it. */
export const JOB_PAYLOADS = {
  [JOBS.tokenTest]: tokenTestPayload,
  [JOBS.tokenRefresh]: tokenRefreshPayload,
} as const satisfies Record<JobName, z.ZodType>;
