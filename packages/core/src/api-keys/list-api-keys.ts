import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { callsLast24h } from "./api-key-usage.ts";

export async function listApiKeys(deps: Deps, member: Member) {
  assertCan(member, "apiKey.manage");
  const [keys, apps] = await Promise.all([
    deps.db.apiKey.findMany({ where: { teamId: member.teamId }, orderBy: { createdAt: "desc" } }),
    deps.db.app.findMany({ where: { teamId: member.teamId }, select: { id: true, name: true } }),
  ]);
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  const calls = await callsLast24h(
    deps.db,
    keys.map((k) => k.id),
    deps.now(),
  );
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    apps: k.appIds.map((id) => ({ id, name: appName.get(id) ?? "Deleted app" })),
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    callsLast24h: calls.get(k.id) ?? 0,
    revokedAt: k.revokedAt,
  }));
}
