import { recordAudit } from "../audit/record-audit.ts";
import { forbidden } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { Deps } from "./deps.ts";
import { revokeSentInvitations } from "./invitations/revoke-sent-invitations.ts";
import { assertCan, type Member } from "./member.ts";

export async function leaveTeam(deps: Deps, member: Member) {
  assertCan(member, "team.leave");
  if (member.role === "owner") {
    throw forbidden("Transfer ownership to another member before you leave, or delete the team");
  }
  await runTransaction(deps.db, async (tx) => {
    await tx.membership.delete({
      where: { teamId_userId: { teamId: member.teamId, userId: member.userId } },
    });
    await revokeSentInvitations(tx, {
      teamId: member.teamId,
      inviterId: member.userId,
      actorId: member.userId,
      now: deps.now(),
      reason: "The person who sent it left the team",
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "member.leave",
      targetType: "member",
      targetId: member.userId,
    });
  });
  return { teamId: member.teamId };
}
