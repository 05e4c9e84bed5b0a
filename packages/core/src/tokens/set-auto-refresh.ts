import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { ensureTokenState } from "./ensure-token-state.ts";

/**
 * Turns background refresh on or off for a profile. Switched on, a profile without a token gets
 * one at once (a profile with tenancy gets tokens as tenants are tested or asked for).
 */
export async function setAutoRefresh(
  deps: { db: Db; now: () => Date },
  member: Member,
  input: { appId: string; profileId: string; enabled: boolean },
) {
  assertCan(member, "profile.write");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  await deps.db.$transaction(async (tx) => {
    await tx.authorizationProfile.update({
      where: { id: profile.id },
      data: { autoRefresh: input.enabled },
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "profile.autoRefresh",
      targetType: "profile",
      targetId: profile.id,
      changes: { autoRefresh: input.enabled },
    });
  });
  if (input.enabled && !profile.tenancyEnabled) {
    await ensureTokenState(deps.db, { teamId: member.teamId, profileId: profile.id, tenant: "" });
  }
  return { autoRefresh: input.enabled };
}
