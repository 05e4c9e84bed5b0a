import { z } from "zod";

/**
 * Every job id the tokens queue uses. BullMQ keeps one job per id, so the id decides which
 * requests share a job: a test is its run, a scheduled refresh is its claim (state and lease),
 * and an on-demand refresh is the version of the row it was asked about, so everyone asking
 * about the same stale token shares one refresh.
 */
export type JobId =
  | { kind: "test"; runId: string }
  | { kind: "scheduled-refresh"; stateId: string; lease: Date }
  | { kind: "refresh-now"; stateId: string; updatedAt: Date };

export const testJobId = (runId: string) => runId;

export const scheduledRefreshJobId = (claim: { stateId: string; lease: Date }) =>
  `refresh:${claim.stateId}:${claim.lease.getTime()}`;

export const refreshNowJobId = (state: { id: string; updatedAt: Date }) =>
  `refresh-now:${state.id}:${state.updatedAt.getTime()}`;

export function formatJobId(id: JobId): string {
  switch (id.kind) {
    case "test":
      return testJobId(id.runId);
    case "scheduled-refresh":
      return scheduledRefreshJobId(id);
    case "refresh-now":
      return refreshNowJobId({ id: id.stateId, updatedAt: id.updatedAt });
  }
}

const uuid = z.uuid();
const REFRESH_ID = /^(refresh|refresh-now):([^:]+):(\d{1,15})$/;

/** The job an id names, or null for an id no producer of this queue makes. */
export function parseJobId(text: string): JobId | null {
  if (uuid.safeParse(text).success) return { kind: "test", runId: text };
  const match = REFRESH_ID.exec(text);
  if (!match || !uuid.safeParse(match[2]).success) return null;
  const [, kind, stateId = "", ms] = match;
  const at = new Date(Number(ms));
  return kind === "refresh"
    ? { kind: "scheduled-refresh", stateId, lease: at }
    : { kind: "refresh-now", stateId, updatedAt: at };
}
