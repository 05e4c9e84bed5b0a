import { AppError } from "../errors/app-error.ts";
import { untilReady } from "../queue/redis.ts";
import { QUEUE_UNAVAILABLE } from "../queue/token-queue.ts";
import { enforceRateLimits } from "../rate-limit/enforce-rate-limits.ts";
import type { Member } from "../teams/member.ts";
import type { TestDeps } from "./deps.ts";

/**
 * What a person's queued work (a Test, a console request) passes before anything is written:
 * the queue is reachable, and the per-person and per-team limits allow one more. Tests and
 * console requests share the limits: each may fetch a token from the provider.
 */
export async function admitQueuedWork(
  deps: Pick<TestDeps, "redis" | "queuePrefix" | "limits">,
  member: Member,
  words: { byYou: string; inTeam: string },
) {
  try {
    await untilReady(deps.redis, 1_000);
    await enforceRateLimits(deps.redis, deps.queuePrefix, [
      {
        key: `test:user:${member.userId}`,
        limit: deps.limits.perUserPerMinute,
        windowSeconds: 60,
        what: words.byYou,
      },
      {
        key: `test:team:${member.teamId}`,
        limit: deps.limits.perTeamPerMinute,
        windowSeconds: 60,
        what: words.inTeam,
      },
    ]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("UNAVAILABLE", QUEUE_UNAVAILABLE);
  }
}
