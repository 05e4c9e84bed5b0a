import { recordAudit } from "../../audit/record-audit.ts";
import type { Prisma } from "../../db/generated/client.ts";

type Tx = Pick<Prisma.TransactionClient, "invitation" | "auditEvent">;

/**
 * Revokes the invitations a person sent to a team that are still waiting, once that person may
 * no longer invite (removed, gone, or given a role below admin): a link they kept must not let
 * them, or anyone they hand it to, in. Runs inside the transaction of that change, with one
 * audit event per invitation, by whoever made the change.
 */
export async function revokeSentInvitations(
  tx: Tx,
  change: { teamId: string; inviterId: string; actorId: string; now: Date; reason: string },
) {
  const pending = await tx.invitation.findMany({
    where: {
      teamId: change.teamId,
      invitedById: change.inviterId,
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: change.now },
    },
    select: { id: true },
  });
  if (pending.length === 0) return;
  await tx.invitation.updateMany({
    where: { id: { in: pending.map((i) => i.id) }, acceptedAt: null, revokedAt: null },
    data: { revokedAt: change.now },
  });
  for (const invitation of pending) {
    await recordAudit(tx, {
      teamId: change.teamId,
      actor: { userId: change.actorId },
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: invitation.id,
      changes: { reason: change.reason },
    });
  }
}
