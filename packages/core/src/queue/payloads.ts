import { z } from "zod";
import { REFRESH_TRIGGERS } from "../shared/run-status.ts";
import { JOBS, type JobName } from "./constants.ts";

/**
 * Job payloads carry ids only: the worker reads everything else, secrets included, itself. The
 * team's id lets the worker share its slots between teams before reading anything (jobs queued
 * before it was added have none).
 */
export const tokenTestPayload = z.object({ runId: z.uuid(), teamId: z.uuid().optional() });
export type TokenTestPayload = z.infer<typeof tokenTestPayload>;

/**
 * A refresh of one token state; `lease` is present when the scheduler already claimed it.
 * Without `trigger` (jobs queued before it was added) the run counts as a refresh.
 * `requestedById` is the person who pressed "Refresh now", for the history's "Started by".
 */
export const tokenRefreshPayload = z.object({
  stateId: z.uuid(),
  lease: z.iso.datetime().optional(),
  teamId: z.uuid().optional(),
  trigger: z.enum(REFRESH_TRIGGERS).optional(),
  requestedById: z.string().min(1).max(100).optional(),
});
export type TokenRefreshPayload = z.infer<typeof tokenRefreshPayload>;

/** A health check the scheduler claimed until `lease`. */
export const healthCheckPayload = z.object({
  checkId: z.uuid(),
  lease: z.iso.datetime(),
  teamId: z.uuid(),
});
export type HealthCheckPayload = z.infer<typeof healthCheckPayload>;

/** An API call a person sent from the request console; the request itself is in its row. */
export const apiCallPayload = z.object({ callId: z.uuid(), teamId: z.uuid() });
export type ApiCallPayload = z.infer<typeof apiCallPayload>;

/** A notification delivery the scheduler claimed until `lease`; what it sends is in its row. */
export const notificationDeliverPayload = z.object({
  deliveryId: z.uuid(),
  lease: z.iso.datetime(),
  teamId: z.uuid(),
});
export type NotificationDeliverPayload = z.infer<typeof notificationDeliverPayload>;

/** Each job's payload by job name: producers check it before queueing, the worker reads by it. */
export const JOB_PAYLOADS = {
  [JOBS.tokenTest]: tokenTestPayload,
  [JOBS.tokenRefresh]: tokenRefreshPayload,
  [JOBS.healthCheck]: healthCheckPayload,
  [JOBS.apiCall]: apiCallPayload,
  [JOBS.notificationDeliver]: notificationDeliverPayload,
} as const satisfies Record<JobName, z.ZodType>;
