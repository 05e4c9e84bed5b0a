import type { Deps } from "./deps.ts";
import { assertCan, type Member } from "./member.ts";

export async function listMembers(deps: Deps, member: Member) {
  assertCan(member, "member.read");
  const memberships = await deps.db.membership.findMany({
    where: { teamId: member.teamId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joinedAt: m.createdAt,
    isYou: m.user.id === member.userId,
  }));
}
