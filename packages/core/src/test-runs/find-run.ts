import type { Db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { isUuid, type Member } from "../teams/member.ts";

/** A run of the member's team, in the given app; any other id answers NOT_FOUND alike. */
export async function findTeamRun(db: Db, member: Member, appId: string, runId: string) {
  const run = isUuid(runId)
    ? await db.testRun.findFirst({
        where: { id: runId, teamId: member.teamId, profile: { appId } },
      })
    : null;
  if (!run) throw notFound("Test run");
  return run;
}
