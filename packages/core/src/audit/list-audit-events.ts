import type { Prisma } from "../db/generated/client.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { auditNames } from "./audit-names.ts";

export type AuditFilter = {
  actorUserId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
};

/** Newest first, a page at a time (ids are time-ordered UUIDv7, so they make a stable cursor). */
export async function listAuditEvents(deps: Deps, member: Member, filter: AuditFilter) {
  assertCan(member, "audit.read");
  const where: Prisma.AuditEventWhereInput = {
    teamId: member.teamId,
    ...(filter.actorUserId ? { actorUserId: filter.actorUserId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: filter.from } : {}),
            ...(filter.to ? { lte: filter.to } : {}),
          },
        }
      : {}),
    ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
  };
  const rows = await deps.db.auditEvent.findMany({
    where,
    orderBy: { id: "desc" },
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const actorIds = [
    ...new Set(page.map((row) => row.actorUserId).filter((id): id is string => Boolean(id))),
  ];
  const actors = await deps.db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, email: true },
  });
  const actorById = new Map(actors.map((actor) => [actor.id, actor]));
  const named = await auditNames(deps.db, member.teamId, page);
  return {
    events: page.map((row) => ({
      id: row.id,
      at: row.createdAt,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      changes: row.changes as Record<string, unknown>,
      target: named.target(row),
      actor: row.actorUserId
        ? (actorById.get(row.actorUserId) ?? {
            id: row.actorUserId,
            name: "Deleted user",
            email: "",
          })
        : {
            id: row.actorApiKeyId ?? "",
            name: row.actorApiKeyId
              ? `key ${named.keyName(row.actorApiKeyId) ?? "(deleted)"}`
              : "API key",
            email: "",
          },
    })),
    nextCursor: rows.length > filter.limit ? page.at(-1)?.id : undefined,
  };
}

/** The actions and actors seen in this team, for the filter menus. */
export async function auditFilterOptions(deps: Deps, member: Member) {
  assertCan(member, "audit.read");
  const [actions, members] = await Promise.all([
    deps.db.auditEvent.findMany({
      where: { teamId: member.teamId },
      distinct: ["action"],
      select: { action: true },
    }),
    deps.db.membership.findMany({
      where: { teamId: member.teamId },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  return {
    actions: actions.map((a) => a.action).sort(),
    actors: members.map((m) => m.user),
  };
}
