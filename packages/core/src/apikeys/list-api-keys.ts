import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";

export async function listApiKeys(deps: Deps, member: Member) {
  assertCan(member, "apiKey.manage");
  const [keys, apps] = await Promise.all([
    deps.db.apiKey.findMany({ where: { teamId: member.teamId }, orderBy: { createdAt: "desc" } }),
    deps.db.app.findMany({ where: { teamId: member.teamId }, select: { id: true, name: true } }),
  ]);
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    apps: k.appIds.map((id) => ({ id, name: appName.get(id) ?? "Deleted app" })),
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  }));
}
