import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";
import { publishRunEvent } from "../queue/events.ts";
import type { RedisClient } from "../queue/redis.ts";
import { assertCan, isUuid, type Member } from "../teams/member.ts";
import { getRun } from "./get-run.ts";

export const CANCELLED_MESSAGE =
  "Cancelled before the identity provider answered: no token was obtained or stored.";

/**
 * Ends a queued or running test at once with a "cancelled" verdict. The worker's own writes are
 * guarded on "running", so whatever it is still waiting for can no longer change the verdict;
 * it notices the cancellation and stops waiting. A run that already has a verdict keeps it.
 */
export async function cancelTest(
  deps: { db: Db; now: () => Date; redis: RedisClient; queuePrefix: string },
  member: Member,
  input: { appId: string; runId: string },
) {
  assertCan(member, "profile.test");
  const run = isUuid(input.runId)
    ? await deps.db.testRun.findFirst({
        // Only a Test: a background refresh is the worker's, and its token state waits on it.
        where: {
          id: input.runId,
          teamId: member.teamId,
          trigger: "test",
          profile: { appId: input.appId },
        },
        select: { id: true, profileId: true, startedAt: true },
      })
    : null;
  if (!run) throw notFound("Test run");
  const now = deps.now();
  const count = await deps.db.$transaction(async (tx) => {
    const cancelled = await tx.testRun.updateMany({
      where: { id: run.id, status: { in: ["queued", "running"] } },
      data: {
        status: "cancelled",
        finishedAt: now,
        durationMs: run.startedAt ? now.getTime() - run.startedAt.getTime() : null,
        errorClass: "cancelled",
        errorMessage: CANCELLED_MESSAGE,
        retryAt: null,
      },
    });
    if (cancelled.count > 0) {
      await recordAudit(tx, {
        teamId: member.teamId,
        actor: { userId: member.userId },
        action: "profile.test.cancel",
        targetType: "profile",
        targetId: run.profileId,
        changes: { runId: run.id },
      });
    }
    return cancelled.count;
  });
  if (count > 0) {
    // Followers re-read the row on this hint; were it lost, their poll finds the verdict.
    await publishRunEvent(deps.redis, deps.queuePrefix, {
      runId: run.id,
      status: "cancelled",
    }).catch(() => {});
  }
  return getRun(deps, member, input);
}
