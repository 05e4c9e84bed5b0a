import type { Prisma } from "../../db/generated/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { hashInvitationToken } from "./invitation-token.ts";

type Tx = Pick<Prisma.TransactionClient, "invitation">;

/** The invitation behind a link, or a clear reason it can no longer be used. */
export async function findUsableInvitation(tx: Tx, token: string, now: Date) {
  const invitation = await tx.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { team: { select: { id: true, name: true } } },
  });
  if (!invitation) throw new AppError("NOT_FOUND", "This invitation link is not valid");
  if (invitation.revokedAt) throw new AppError("NOT_FOUND", "This invitation was revoked");
  if (invitation.acceptedAt) throw new AppError("CONFLICT", "This invitation was already used");
  if (invitation.expiresAt <= now) throw new AppError("NOT_FOUND", "This invitation has expired");
  return invitation;
}
