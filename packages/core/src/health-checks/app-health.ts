import { findTeamApp } from "../apps/find-app.ts";
import type { Db } from "../db/client.ts";
import { assertCan, type Member } from "../teams/member.ts";

/**
 * The health of every profile of an app that has a check (viewers and above). A check turned
 * off reads as not checked.
 */
export async function appHealth(deps: { db: Db }, member: Member, input: { appId: string }) {
  assertCan(member, "profile.read");
  const app = await findTeamApp(deps.db, member, input.appId);
  const checks = await deps.db.healthCheck.findMany({
    where: { teamId: member.teamId, profile: { appId: app.id } },
    select: { profileId: true, status: true, enabled: true },
  });
  return checks.map((c) => ({
    profileId: c.profileId,
    status: c.enabled ? c.status : ("not_checked" as const),
  }));
}
