import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";

export async function listApps(deps: Deps, member: Member) {
  assertCan(member, "app.read");
  const apps = await deps.db.app.findMany({
    where: { teamId: member.teamId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, createdAt: true, _count: { select: { profiles: true } } },
  });
  return apps.map((a) => ({
    id: a.id,
    name: a.name,
    createdAt: a.createdAt,
    profileCount: a._count.profiles,
  }));
}
