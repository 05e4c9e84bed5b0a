import type { Db } from "../db/client.ts";
import type { TestRun } from "../db/generated/client.ts";
import { readEvidence } from "../schemas/evidence.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { MAX_HTTP_ATTEMPTS } from "../tokens/request-token.ts";
import { findTeamRun } from "./find-run.ts";

/**
 * A run as the page shows it: everything in it is already redacted when written. Its JSON
 * evidence is parsed, not trusted: a row that does not fit says its evidence is unavailable.
 */
export const presentRun = (run: TestRun & { requestedBy?: { name: string } | null }) => ({
  id: run.id,
  profileId: run.profileId,
  trigger: run.trigger,
  status: run.status,
  tenant: run.tenant,
  httpAttempts: run.httpAttempts,
  deliveries: run.deliveries,
  maxAttempts: MAX_HTTP_ATTEMPTS,
  attemptError: run.attemptError,
  retryAt: run.retryAt,
  queuedAt: run.queuedAt,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  durationMs: run.durationMs,
  ...readEvidence(run),
  responseStatus: run.responseStatus,
  responseBody: run.responseBody,
  responseNote: run.responseNote,
  errorClass: run.errorClass,
  errorMessage: run.errorMessage,
  warnings: run.warnings,
  // The kid of the key that signed the client assertion: shows a Test with the next key as such.
  signingKid: run.signingKid,
  requestedBy: run.requestedBy?.name ?? null,
});

export type PresentedRun = ReturnType<typeof presentRun>;

export async function getRun(
  deps: { db: Db },
  member: Member,
  input: { appId: string; runId: string },
) {
  assertCan(member, "profile.read");
  const run = await findTeamRun(deps.db, member, input.appId, input.runId);
  const requestedBy = run.requestedById
    ? await deps.db.user.findUnique({ where: { id: run.requestedById }, select: { name: true } })
    : null;
  return presentRun({ ...run, requestedBy });
}

/**
 * What a list of runs shows of each: never the evidence (request, headers, body, facts), which
 * only the single-run read returns, so a list stays small whatever the providers answered.
 */
const SUMMARY = {
  id: true,
  profileId: true,
  trigger: true,
  status: true,
  tenant: true,
  httpAttempts: true,
  deliveries: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
  responseStatus: true,
  errorClass: true,
  requestedById: true,
} as const;

export async function listRuns(
  deps: { db: Db },
  member: Member,
  input: { appId: string; profileId: string; limit: number },
) {
  assertCan(member, "profile.read");
  const runs = await deps.db.testRun.findMany({
    where: { profileId: input.profileId, teamId: member.teamId, profile: { appId: input.appId } },
    orderBy: { queuedAt: "desc" },
    take: input.limit,
    select: SUMMARY,
  });
  const names = new Map(
    (
      await deps.db.user.findMany({
        where: {
          id: { in: runs.map((r) => r.requestedById).filter((id): id is string => Boolean(id)) },
        },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  return runs.map(({ requestedById, ...run }) => ({
    ...run,
    requestedBy: requestedById ? (names.get(requestedById) ?? "Deleted user") : null,
  }));
}
