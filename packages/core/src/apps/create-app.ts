import { recordAudit } from "../audit/record-audit.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { assertAppNameFree } from "./app-name.ts";

export async function createApp(deps: Deps, member: Member, input: { name: string }) {
  assertCan(member, "app.create");
  return runTransaction(deps.db, async (tx) => {
    await assertAppNameFree(tx, member.teamId, input.name);
    const app = await tx.app.create({ data: { teamId: member.teamId, name: input.name } });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "app.create",
      targetType: "app",
      targetId: app.id,
      changes: { name: app.name },
    });
    return { id: app.id, name: app.name };
  });
}
