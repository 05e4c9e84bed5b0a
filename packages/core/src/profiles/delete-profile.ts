import { recordAudit } from "../audit/record-audit.ts";
import { runTransaction } from "../errors/database-errors.ts";
import { assertCan, type Member } from "../teams/member.ts";
import type { ProfileDeps } from "./deps.ts";
import { findTeamProfile } from "./find-profile.ts";

export async function deleteProfile(
  deps: Pick<ProfileDeps, "db" | "now">,
  member: Member,
  input: { appId: string; profileId: string },
) {
  assertCan(member, "profile.write");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  await runTransaction(deps.db, async (tx) => {
    await tx.authorizationProfile.delete({ where: { id: profile.id } });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "profile.delete",
      targetType: "profile",
      targetId: profile.id,
      changes: { name: profile.name },
    });
  });
  return { id: profile.id };
}
