import type { Db } from "../db/client.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import { assertCan, type Member } from "../teams/member.ts";

/** How many tenants the Test dialog offers: enough to pick from, few enough to read. */
export const RECENT_TENANTS = 8;

/**
 * The tenants a profile's tokens were last asked for (by a Test or the token API), most recent
 * first: the Test dialog offers them instead of making a person type one again.
 */
export async function listRecentTenants(
  deps: { db: Db },
  member: Member,
  input: { appId: string; profileId: string },
): Promise<string[]> {
  assertCan(member, "profile.read");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  const states = await deps.db.tokenState.findMany({
    where: { profileId: profile.id, teamId: member.teamId, tenant: { not: "" } },
    orderBy: [{ lastUsedAt: "desc" }, { tenant: "asc" }],
    take: RECENT_TENANTS,
    select: { tenant: true },
  });
  return states.map((state) => state.tenant);
}
