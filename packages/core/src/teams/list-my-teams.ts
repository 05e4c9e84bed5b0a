import type { Deps } from "./deps.ts";

export async function listMyTeams(deps: Deps, userId: string) {
  const memberships = await deps.db.membership.findMany({
    where: { userId },
    include: { team: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ id: m.team.id, name: m.team.name, role: m.role }));
}
