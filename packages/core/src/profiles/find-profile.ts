import type { Db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { isUuid, type Member } from "../teams/member.ts";

/** A profile of the member's team in the given app; anything else is NOT_FOUND. */
export async function findTeamProfile(db: Db, member: Member, appId: string, profileId: string) {
  const profile =
    isUuid(profileId) && isUuid(appId)
      ? await db.authorizationProfile.findFirst({
          where: { id: profileId, appId, teamId: member.teamId },
          include: { fields: { orderBy: { position: "asc" } } },
        })
      : null;
  if (!profile) throw notFound("Authorization profile");
  return profile;
}
