import { recordAudit } from "../audit/record-audit.ts";
import { forbidden, notFound } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import { can, type Role } from "../shared/roles.ts";
import type { Deps } from "./deps.ts";
import { revokeSentInvitations } from "./invitations/revoke-sent-invitations.ts";
import { assertCan, type Member } from "./member.ts";

export async function changeMemberRole(
  deps: Deps,
  member: Member,
  input: { userId: string; role: Exclude<Role, "owner"> },
) {
  assertCan(member, "member.changeRole");
  return runTransaction(deps.db, async (tx) => {
    const target = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: member.teamId, userId: input.userId } },
    });
    if (!target) throw notFound("Member");
    if (target.role === "owner")
      throw forbidden("The owner's role changes only by transferring ownership");
    if (target.userId === member.userId) throw forbidden("You cannot change your own role");
    await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    if (!can(input.role, "invitation.manage")) {
      await revokeSentInvitations(tx, {
        teamId: member.teamId,
        inviterId: input.userId,
        actorId: member.userId,
        now: deps.now(),
        reason: `The person who sent it is now ${/^[aeiou]/.test(input.role) ? "an" : "a"} ${input.role}`,
      });
    }
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "member.changeRole",
      targetType: "member",
      targetId: input.userId,
      changes: { role: input.role, previousRole: target.role },
    });
    return { userId: input.userId, role: input.role };
  });
}
