import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import { refreshNowJobId } from "../queue/job-ids.ts";
import { enqueueTokenRefresh, QUEUE_UNAVAILABLE, type TokenQueue } from "../queue/token-queue.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { ensureTokenState } from "./ensure-token-state.ts";

/**
 * "Refresh now": queues a refresh of each of the profile's tokens (making the token state when
 * there is none yet), recorded in the history as this person's. Asking again before it ran
 * queues nothing more.
 */
export async function refreshNow(
  deps: { db: Db; now: () => Date; queue: TokenQueue },
  member: Member,
  input: { appId: string; profileId: string },
) {
  assertCan(member, "profile.test");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  let states = await deps.db.tokenState.findMany({ where: { profileId: profile.id } });
  if (states.length === 0 && !profile.tenancyEnabled) {
    states = [
      await ensureTokenState(deps.db, { teamId: member.teamId, profileId: profile.id, tenant: "" }),
    ];
  }
  try {
    for (const state of states) {
      await enqueueTokenRefresh(
        deps.queue,
        {
          stateId: state.id,
          teamId: state.teamId,
          trigger: "manual",
          requestedById: member.userId,
        },
        { jobId: refreshNowJobId(state) },
      );
    }
  } catch {
    throw new AppError("UNAVAILABLE", QUEUE_UNAVAILABLE);
  }
  await recordAudit(deps.db, {
    teamId: member.teamId,
    actor: { userId: member.userId },
    action: "token.refreshNow",
    targetType: "profile",
    targetId: profile.id,
    changes: { tokens: states.length },
  });
  return { queued: states.length };
}
