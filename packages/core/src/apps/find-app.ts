import type { Db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { isUuid, type Member } from "../teams/member.ts";

/** An app of the member's team; any other id, including another team's, is NOT_FOUND. */
export async function findTeamApp(db: Db, member: Member, appId: string) {
  const app = isUuid(appId)
    ? await db.app.findFirst({ where: { id: appId, teamId: member.teamId } })
    : null;
  if (!app) throw notFound("App");
  return app;
}
