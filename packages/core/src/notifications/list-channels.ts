import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";

/** The team's channels for every member; never their URLs' secrets nor signing secrets. */
export async function listChannels(deps: Deps, member: Member) {
  assertCan(member, "notification.read");
  const [channels, apps] = await Promise.all([
    deps.db.notificationChannel.findMany({
      where: { teamId: member.teamId },
      orderBy: { createdAt: "asc" },
    }),
    deps.db.app.findMany({ where: { teamId: member.teamId }, select: { id: true, name: true } }),
  ]);
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  return channels.map((c) => ({
    id: c.id,
    kind: c.kind,
    name: c.name,
    target: c.target,
    recipients: c.recipients,
    events: c.events,
    apps: c.appIds.map((id) => ({ id, name: appName.get(id) ?? "Deleted app" })),
    pausedAt: c.pausedAt,
    pausedReason: c.pausedReason,
    consecutiveFailures: c.consecutiveFailures,
    createdAt: c.createdAt,
  }));
}
