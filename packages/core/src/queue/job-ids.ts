import { z } from "zod";

/**
 * Every job id the tokens queue uses. BullMQ keeps one job per id, so the id decides which
 * requests share a job: a test is its run, a scheduled refresh is its claim (state and lease),
 * and an on-demand refresh is the version of the row it was asked about, so everyone asking
 * about the same stale token shares one refresh. A console's API call is its row; a notification's delivery is its claim.
 */
export type JobId =
  | { kind: "test"; runId: string }
  | { kind: "scheduled-refresh"; stateId: string; lease: Date }
  | { kind: "refresh-now"; stateId: string; updatedAt: Date }
  | { kind: "health-check"; checkId: string; lease: Date }
  | { kind: "api-call"; callId: string }
  | { kind: "delivery"; deliveryId: string; lease: Date };

export const testJobId = (runId: string) => runId;

export const scheduledRefreshJobId = (claim: { stateId: string; lease: Date }) =>
  `refresh:${claim.stateId}:${claim.lease.getTime()}`;

export const refreshNowJobId = (state: { id: string; updatedAt: Date }) =>
  `refresh-now:${state.id}:${state.updatedAt.getTime()}`;

export const healthCheckJobId = (claim: { checkId: string; lease: Date }) =>
  `health:${claim.checkId}:${claim.lease.getTime()}`;

// BullMQ refuses a custom id with a colon unless it has exactly three parts.
export const apiCallJobId = (callId: string) => `call-${callId}`;

export const deliveryJobId = (claim: { deliveryId: string; lease: Date }) =>
  `notify:${claim.deliveryId}:${claim.lease.getTime()}`;

export function formatJobId(id: JobId): string {
  switch (id.kind) {
    case "test":
      return testJobId(id.runId);
    case "scheduled-refresh":
      return scheduledRefreshJobId(id);
    case "refresh-now":
      return refreshNowJobId({ id: id.stateId, updatedAt: id.updatedAt });
    case "health-check":
      return healthCheckJobId(id);
    case "api-call":
      return apiCallJobId(id.callId);
    case "delivery":
      return deliveryJobId(id);
  }
}

const uuid = z.uuid();
const CLAIM_ID = /^(refresh|refresh-now|health|notify):([^:]+):(\d{1,15})$/;
const CALL_ID = /^call-([^:]+)$/;

/** The job an id names, or null for an id no producer of this queue makes. */
export function parseJobId(text: string): JobId | null {
  if (uuid.safeParse(text).success) return { kind: "test", runId: text };
  const call = CALL_ID.exec(text)?.[1];
  if (call !== undefined)
    return uuid.safeParse(call).success ? { kind: "api-call", callId: call } : null;
  const match = CLAIM_ID.exec(text);
  if (!match || !uuid.safeParse(match[2]).success) return null;
  const [, kind, id = "", ms] = match;
  const at = new Date(Number(ms));
  if (kind === "health") return { kind: "health-check", checkId: id, lease: at };
  if (kind === "notify") return { kind: "delivery", deliveryId: id, lease: at };
  return kind === "refresh"
    ? { kind: "scheduled-refresh", stateId: id, lease: at }
    : { kind: "refresh-now", stateId: id, updatedAt: at };
}
