import { recordAudit } from "../../audit/record-audit.ts";
import { runTransaction } from "../../errors/database-errors.ts";
import type { Role } from "../../shared/roles.ts";
import type { Deps } from "../deps.ts";
import { assertCan, type Member } from "../member.ts";
import {
  hashInvitationToken,
  INVITATION_LIFETIME_MS,
  newInvitationToken,
} from "./invitation-token.ts";

/** Returns the token once; only its hash is stored. One link admits one person. */
export async function createInvitation(
  deps: Deps,
  member: Member,
  input: { role: Exclude<Role, "owner">; note?: string | undefined },
) {
  assertCan(member, "invitation.manage");
  const token = newInvitationToken();
  const expiresAt = new Date(deps.now().getTime() + INVITATION_LIFETIME_MS);
  const invitation = await runTransaction(deps.db, async (tx) => {
    const created = await tx.invitation.create({
      data: {
        teamId: member.teamId,
        role: input.role,
        tokenHash: hashInvitationToken(token),
        invitedById: member.userId,
        expiresAt,
        note: input.note ?? null,
      },
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "invitation.create",
      targetType: "invitation",
      targetId: created.id,
      changes: {
        role: input.role,
        expiresAt: expiresAt.toISOString(),
        ...(input.note ? { note: input.note } : {}),
      },
    });
    return created;
  });
  return { id: invitation.id, token, role: invitation.role, expiresAt, note: invitation.note };
}
