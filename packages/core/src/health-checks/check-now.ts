import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import { assertCan, type Member } from "../teams/member.ts";

/**
 * Brings a profile's next health check forward to now (who may Test may check): the worker's
 * scheduler takes it within a second. A check that is running keeps its claim and is not run
 * twice; the next one comes at its interval after it.
 */
export async function checkHealthNow(
  deps: { db: Db; now: () => Date },
  member: Member,
  input: { appId: string; profileId: string },
) {
  assertCan(member, "profile.test");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  const { count } = await deps.db.healthCheck.updateMany({
    where: { profileId: profile.id, enabled: true },
    data: { nextCheckAt: deps.now() },
  });
  if (count === 0)
    throw new AppError("CONFLICT", "This profile has no health check turned on: save one first");
  await recordAudit(deps.db, {
    teamId: member.teamId,
    actor: { userId: member.userId },
    action: "profile.checkHealthNow",
    targetType: "profile",
    targetId: profile.id,
  });
  return { profileId: profile.id };
}
