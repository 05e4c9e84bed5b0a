import { recordAudit } from "../audit/record-audit.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { assertAppNameFree } from "./app-name.ts";
import { findTeamApp } from "./find-app.ts";

export async function renameApp(
  deps: Deps,
  member: Member,
  input: { appId: string; name: string },
) {
  assertCan(member, "app.rename");
  const app = await findTeamApp(deps.db, member, input.appId);
  return runTransaction(deps.db, async (tx) => {
    await assertAppNameFree(tx, member.teamId, input.name, app.id);
    const renamed = await tx.app.update({ where: { id: app.id }, data: { name: input.name } });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "app.rename",
      targetType: "app",
      targetId: app.id,
      changes: { name: renamed.name, previousName: app.name },
    });
    return { id: renamed.id, name: renamed.name };
  });
}
