import type { Prisma } from "../../db/generated/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { can } from "../../shared/roles.ts";
import { hashInvitationToken } from "./invitation-token.ts";

type Tx = Pick<Prisma.TransactionClient, "invitation" | "membership">;

export const WITHDRAWN =
  "This invitation was withdrawn: whoever sent it can no longer invite people to this team";

/**
 * The invitation behind a link, or a clear reason it can no longer be used. `withdrawn` says
 * whether its sender has since lost the right to invite (removed, gone or demoted): such a link
 * admits no one, even when its revocation was missed (sent while the sender was being removed).
 */
export async function findUsableInvitation(tx: Tx, token: string, now: Date) {
  const invitation = await tx.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { team: { select: { id: true, name: true } } },
  });
  if (!invitation) throw new AppError("NOT_FOUND", "This invitation link is not valid");
  if (invitation.revokedAt) throw new AppError("NOT_FOUND", "This invitation was revoked");
  if (invitation.acceptedAt) throw new AppError("CONFLICT", "This invitation was already used");
  if (invitation.expiresAt <= now) throw new AppError("NOT_FOUND", "This invitation has expired");
  const sender = await tx.membership.findUnique({
    where: { teamId_userId: { teamId: invitation.teamId, userId: invitation.invitedById } },
    select: { role: true },
  });
  return { ...invitation, withdrawn: !sender || !can(sender.role, "invitation.manage") };
}
