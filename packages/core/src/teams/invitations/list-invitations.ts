import type { Deps } from "../deps.ts";
import { assertCan, type Member } from "../member.ts";

/**
 * Invitations still waiting for someone; used, revoked and expired ones drop off. Each says who
 * made it and for whom (its note), so the right one can be revoked.
 */
export async function listPendingInvitations(deps: Deps, member: Member) {
  assertCan(member, "invitation.manage");
  const invitations = await deps.db.invitation.findMany({
    where: {
      teamId: member.teamId,
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: deps.now() },
    },
    orderBy: { createdAt: "desc" },
  });
  const inviters = await deps.db.user.findMany({
    where: { id: { in: [...new Set(invitations.map((i) => i.invitedById))] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(inviters.map((u) => [u.id, u.name]));
  return invitations.map((i) => ({
    id: i.id,
    role: i.role,
    note: i.note,
    createdBy: nameOf.get(i.invitedById) ?? "Deleted user",
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
  }));
}
