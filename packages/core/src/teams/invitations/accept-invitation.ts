import { recordAudit } from "../../audit/record-audit.ts";
import { AppError } from "../../errors/app-error.ts";
import { runTransaction } from "../../errors/database-errors.ts";
import type { Deps } from "../deps.ts";
import { findUsableInvitation, WITHDRAWN } from "./find-invitation.ts";

/**
 * Joins the signed-in person to the team; someone already in it keeps the role they have. A link
 * whose sender may no longer invite is refused, revoked and recorded, so the attempt shows in
 * the audit log.
 */
export async function acceptInvitation(deps: Deps, input: { userId: string; token: string }) {
  const joined = await runTransaction(deps.db, async (tx) => {
    const invitation = await findUsableInvitation(tx, input.token, deps.now());
    const teamId = invitation.teamId;
    if (invitation.withdrawn) {
      const { count } = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null },
        data: { revokedAt: deps.now() },
      });
      if (count > 0) {
        await recordAudit(tx, {
          teamId,
          actor: { userId: input.userId },
          action: "invitation.refuse",
          targetType: "invitation",
          targetId: invitation.id,
          changes: { reason: WITHDRAWN },
        });
      }
      return null;
    }
    const existing = await tx.membership.findUnique({
      where: { teamId_userId: { teamId, userId: input.userId } },
    });
    // The guard on acceptedAt makes a second, concurrent acceptance of the same link fail.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: deps.now(), acceptedById: input.userId },
    });
    if (count === 0) throw new AppError("CONFLICT", "This invitation was already used");
    if (!existing) {
      await tx.membership.create({ data: { teamId, userId: input.userId, role: invitation.role } });
    }
    await recordAudit(tx, {
      teamId,
      actor: { userId: input.userId },
      action: "invitation.accept",
      targetType: "invitation",
      targetId: invitation.id,
      changes: { role: existing ? existing.role : invitation.role },
    });
    return { teamId, alreadyMember: Boolean(existing) };
  });
  // Thrown once the refusal is committed: inside the transaction it would undo its record.
  if (!joined) throw new AppError("NOT_FOUND", WITHDRAWN);
  return joined;
}
