import type { Deps } from "../deps.ts";
import { assertCan, type Member } from "../member.ts";

/** Invitations still waiting for someone; used, revoked and expired ones drop off. */
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
  return invitations.map((i) => ({
    id: i.id,
    role: i.role,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
  }));
}
