import { notFound } from "../errors/app-error.ts";
import type { Deps } from "./deps.ts";
import { assertCan, type Member } from "./member.ts";

export async function getTeam(deps: Deps, member: Member) {
  assertCan(member, "team.read");
  const team = await deps.db.team.findUnique({
    where: { id: member.teamId },
    select: {
      id: true,
      name: true,
      createdAt: true,
      _count: { select: { apps: true, memberships: true, profiles: true } },
    },
  });
  if (!team) throw notFound("Team");
  return {
    id: team.id,
    name: team.name,
    createdAt: team.createdAt,
    role: member.role,
    counts: {
      apps: team._count.apps,
      members: team._count.memberships,
      profiles: team._count.profiles,
    },
  };
}
