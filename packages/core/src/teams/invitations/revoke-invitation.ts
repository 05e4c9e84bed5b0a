import { recordAudit } from "../../audit/record-audit.ts";
import { notFound } from "../../errors/app-error.ts";
import { runTransaction } from "../../errors/database-errors.ts";
import type { Deps } from "../deps.ts";
import { assertCan, type Member } from "../member.ts";

export async function revokeInvitation(
  deps: Deps,
  member: Member,
  input: { invitationId: string },
) {
  assertCan(member, "invitation.manage");
  return runTransaction(deps.db, async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: input.invitationId, teamId: member.teamId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: deps.now() },
    });
    if (count === 0) throw notFound("Invitation");
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: input.invitationId,
    });
    return { id: input.invitationId };
  });
}
