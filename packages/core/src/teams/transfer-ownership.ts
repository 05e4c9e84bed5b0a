import { recordAudit } from "../audit/record-audit.ts";
import { forbidden, invalid, notFound } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { Deps } from "./deps.ts";
import { assertCan, type Member } from "./member.ts";

/** The new owner must already be a member; the old owner stays on as admin. */
export async function transferOwnership(deps: Deps, member: Member, input: { userId: string }) {
  assertCan(member, "team.transfer");
  if (input.userId === member.userId) throw invalid({ userId: "You already own this team" });
  return runTransaction(deps.db, async (tx) => {
    const target = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: member.teamId, userId: input.userId } },
    });
    if (!target) throw notFound("Member");
    // Guarded on the role, so of two transfers at once only the first finds an owner to demote.
    const { count } = await tx.membership.updateMany({
      where: { teamId: member.teamId, userId: member.userId, role: "owner" },
      data: { role: "admin" },
    });
    if (count === 0) throw forbidden("You no longer own this team");
    await tx.membership.update({ where: { id: target.id }, data: { role: "owner" } });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "team.transfer",
      targetType: "member",
      targetId: input.userId,
      changes: { newOwner: input.userId, previousOwnerRole: "admin" },
    });
    return { ownerUserId: input.userId };
  });
}
