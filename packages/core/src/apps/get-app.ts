import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { findTeamApp } from "./find-app.ts";

export async function getApp(deps: Deps, member: Member, input: { appId: string }) {
  assertCan(member, "app.read");
  const app = await findTeamApp(deps.db, member, input.appId);
  const profileCount = await deps.db.authorizationProfile.count({ where: { appId: app.id } });
  return { id: app.id, name: app.name, createdAt: app.createdAt, profileCount };
}
