import { AppError } from "../errors/app-error.ts";
import type { RedisClient } from "../queue/redis.ts";
import { enforceRateLimits } from "../rate-limit/enforce-rate-limits.ts";

/** How many refreshes one team may make a minute, counted in Redis for every worker at once. */
export type RefreshBudget = { redis: RedisClient; prefix: string; perTeamPerMinute: number };

/** Takes one refresh from the team's budget: null if it had one, else the seconds to wait. */
export async function takeRefreshBudget(
  budget: RefreshBudget,
  teamId: string,
): Promise<{ waitSeconds: number } | null> {
  try {
    await enforceRateLimits(budget.redis, budget.prefix, [
      {
        key: `refresh:team:${teamId}`,
        limit: budget.perTeamPerMinute,
        windowSeconds: 60,
        what: "refreshes in this team",
      },
    ]);
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "RATE_LIMITED") throw error;
    return { waitSeconds: error.details.retryAfterSeconds ?? 60 };
  }
}
