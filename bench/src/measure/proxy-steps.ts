import { authenticateApiKey } from "@authdeck/core/api-keys";
import type { Sealer } from "@authdeck/core/crypto";
import type { Db } from "@authdeck/core/db";
import type { createRedis } from "@authdeck/core/queue";
import { enforceRateLimits } from "@authdeck/core/rate-limit";
import { findCallerProfile, openAccessToken, usableTokenState } from "@authdeck/core/tokens";
import { type Summary, summarize } from "../stats.ts";

export type StepTimes = { step: string; alone: Summary; perSecondAt: number };

/**
 * Where a proxied call's time goes before the API is called: each step the route takes, called
 * here with the core functions the route calls, on the bench's database and Redis, one at a time (its latency) and
 * `concurrency` at once (how many a second it allows). What the token API's GET (the same work,
 * no API call) costs beyond their sum is Next.js and the HTTP hop into the web process.
 */
export async function measureProxySteps(
  deps: { db: Db; redis: ReturnType<typeof createRedis>; queuePrefix: string; sealer: Sealer },
  options: {
    apiKey: string;
    appId: string;
    profileId: string;
    runs: number;
    concurrency: number;
  },
): Promise<StepTimes[]> {
  const now = () => new Date();
  const caller = await authenticateApiKey({ db: deps.db, now }, `Bearer ${options.apiKey}`);
  if (!caller) throw new Error("the bench's API key was refused");
  const target = { appId: options.appId, profileId: options.profileId };
  const profile = await findCallerProfile(deps.db, caller, target);
  const refuse = async () => {
    throw new Error("the bench's token should be usable");
  };

  const steps: Array<[string, () => Promise<unknown>]> = [
    ["API key check", () => authenticateApiKey({ db: deps.db, now }, `Bearer ${options.apiKey}`)],
    [
      "rate limit (Redis)",
      () =>
        enforceRateLimits(deps.redis, deps.queuePrefix, [
          { key: `steps:${caller.apiKeyId}`, limit: 1e9, windowSeconds: 60, what: "bench" },
        ]),
    ],
    ["profile and fields read", () => findCallerProfile(deps.db, caller, target)],
    [
      "token read and opened",
      async () => {
        const key = { teamId: profile.teamId, profileId: profile.id, tenant: "" };
        const state = await usableTokenState({ ...deps, now, refresh: refuse }, key);
        return openAccessToken(deps.sealer, state);
      },
    ],
  ];

  const results: StepTimes[] = [];
  for (const [step, run] of steps) {
    const samples: number[] = [];
    for (let i = -20; i < options.runs; i++) {
      const started = performance.now();
      await run();
      if (i >= 0) samples.push(performance.now() - started);
    }
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.runs) {
          next++;
          await run();
        }
      }),
    );
    const perSecondAt = options.runs / ((performance.now() - started) / 1000);
    results.push({ step, alone: summarize(samples), perSecondAt });
  }
  return results;
}
