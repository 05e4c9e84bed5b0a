import { recordAudit } from "../audit/record-audit.ts";
import { AppError } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { findTeamApp } from "./find-app.ts";

/**
 * An app with profiles is deleted only when the person confirmed that exact number of profiles
 * going with it, so a profile added meanwhile is never deleted unseen.
 */
export async function deleteApp(
  deps: Deps,
  member: Member,
  input: { appId: string; confirmProfileCount: number },
) {
  assertCan(member, "app.delete");
  const app = await findTeamApp(deps.db, member, input.appId);
  return runTransaction(deps.db, async (tx) => {
    const profileCount = await tx.authorizationProfile.count({ where: { appId: app.id } });
    if (profileCount > 0 && input.confirmProfileCount !== profileCount) {
      const profiles =
        profileCount === 1 ? "1 authorization profile" : `${profileCount} authorization profiles`;
      throw new AppError(
        "CONFLICT",
        `Deleting "${app.name}" also deletes its ${profiles}; confirm to go on`,
        {
          fieldErrors: { confirmProfileCount: `Confirm deleting ${profiles}` },
        },
      );
    }
    await tx.app.delete({ where: { id: app.id } });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "app.delete",
      targetType: "app",
      targetId: app.id,
      changes: { name: app.name, deletedProfiles: profileCount },
    });
    return { id: app.id, deletedProfiles: profileCount };
  });
}
