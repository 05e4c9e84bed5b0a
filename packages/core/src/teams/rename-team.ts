import { recordAudit } from "../audit/record-audit.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { Deps } from "./deps.ts";
import { assertCan, type Member } from "./member.ts";

export async function renameTeam(deps: Deps, member: Member, input: { name: string }) {
  assertCan(member, "team.rename");
  return runTransaction(deps.db, async (tx) => {
    const team = await tx.team.update({ where: { id: member.teamId }, data: { name: input.name } });
    await recordAudit(tx, {
      teamId: team.id,
      actor: { userId: member.userId },
      action: "team.rename",
      targetType: "team",
      targetId: team.id,
      changes: { name: team.name },
    });
    return { id: team.id, name: team.name };
  });
}
