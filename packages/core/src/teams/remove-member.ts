import { recordAudit } from "../audit/record-audit.ts";
import { forbidden, notFound } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { Deps } from "./deps.ts";
import { revokeSentInvitations } from "./invitations/revoke-sent-invitations.ts";
import { assertCan, type Member } from "./member.ts";

/**
 * Access ends at once: every request looks the membership up again. The invitations the person
 * sent and nobody used yet go with them.
 */
export async function removeMember(deps: Deps, member: Member, input: { userId: string }) {
  assertCan(member, "member.remove");
  if (input.userId === member.userId) throw forbidden("Use Leave team to remove yourself");
  return runTransaction(deps.db, async (tx) => {
    const target = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: member.teamId, userId: input.userId } },
    });
    if (!target) throw notFound("Member");
    if (target.role === "owner") throw forbidden("The owner cannot be removed");
    await tx.membership.delete({ where: { id: target.id } });
    await revokeSentInvitations(tx, {
      teamId: member.teamId,
      inviterId: input.userId,
      actorId: member.userId,
      now: deps.now(),
      reason: "The person who sent it was removed from the team",
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "member.remove",
      targetType: "member",
      targetId: input.userId,
      changes: { role: target.role },
    });
    return { userId: input.userId };
  });
}
