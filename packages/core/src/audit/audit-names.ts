import type { Db } from "../db/client.ts";

type Row = {
  targetType: string;
  targetId: string | null;
  actorApiKeyId: string | null;
  changes: unknown;
};

/** What an event's target is called now, where it lives (for a link), and a test's outcome. */
export type AuditTarget = {
  name: string | null;
  /** The app of a profile or the app itself: the page links there. */
  appId: string | null;
  /** For a test: how it ended ("succeeded", "failed"), or its state while it runs. */
  outcome: string | null;
};

const idsOf = (rows: readonly Row[], type: string) => [
  ...new Set(
    rows
      .filter((row) => row.targetType === type && row.targetId)
      .map((row) => row.targetId as string),
  ),
];

const runIdOf = (changes: unknown) =>
  changes && typeof changes === "object" && "runId" in changes && typeof changes.runId === "string"
    ? changes.runId
    : null;

/**
 * Names for a page of audit events, read in one query per kind and only inside the team: a
 * target that is gone (deleted) has no name, and the page shows its id instead.
 */
export async function auditNames(db: Db, teamId: string, rows: readonly Row[]) {
  const runIds = rows
    .filter((row) => row.targetType === "profile")
    .map((row) => runIdOf(row.changes))
    .filter((id): id is string => id !== null);
  const keyIds = [
    ...new Set([
      ...idsOf(rows, "apiKey"),
      ...rows.map((row) => row.actorApiKeyId).filter((id): id is string => Boolean(id)),
    ]),
  ];
  const [profiles, apps, keys, users, runs, channels] = await Promise.all([
    db.authorizationProfile.findMany({
      where: { teamId, id: { in: idsOf(rows, "profile") } },
      select: { id: true, name: true, appId: true },
    }),
    db.app.findMany({
      where: { teamId, id: { in: idsOf(rows, "app") } },
      select: { id: true, name: true },
    }),
    db.apiKey.findMany({ where: { teamId, id: { in: keyIds } }, select: { id: true, name: true } }),
    db.user.findMany({
      where: { id: { in: idsOf(rows, "member") }, memberships: { some: { teamId } } },
      select: { id: true, name: true },
    }),
    db.testRun.findMany({
      where: { teamId, id: { in: runIds } },
      select: { id: true, status: true },
    }),
    db.notificationChannel.findMany({
      where: { teamId, id: { in: idsOf(rows, "notificationChannel") } },
      select: { id: true, name: true },
    }),
  ]);
  const profileById = new Map(profiles.map((p) => [p.id, p]));
  const names = new Map<string, string>([
    ...apps.map((a) => [`app:${a.id}`, a.name] as const),
    ...keys.map((k) => [`apiKey:${k.id}`, k.name] as const),
    ...users.map((u) => [`member:${u.id}`, u.name] as const),
    ...channels.map((c) => [`notificationChannel:${c.id}`, c.name] as const),
  ]);
  const outcomeByRun = new Map(runs.map((run) => [run.id, run.status as string]));

  return {
    target(row: Row): AuditTarget {
      if (!row.targetId) return { name: null, appId: null, outcome: null };
      if (row.targetType === "profile") {
        const profile = profileById.get(row.targetId);
        const runId = runIdOf(row.changes);
        return {
          name: profile?.name ?? null,
          appId: profile?.appId ?? null,
          outcome: runId ? (outcomeByRun.get(runId) ?? null) : null,
        };
      }
      return {
        name: names.get(`${row.targetType}:${row.targetId}`) ?? null,
        appId: row.targetType === "app" && names.has(`app:${row.targetId}`) ? row.targetId : null,
        outcome: null,
      };
    },
    keyName: (id: string) => names.get(`apiKey:${id}`) ?? null,
  };
}
