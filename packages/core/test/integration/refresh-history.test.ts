// @module-tag resilience
import { describe, expect, it } from "vitest";
import { tokenDashboard } from "../../src/tokens/index.ts";
import { pruneRefreshHistory, REFRESH_HISTORY } from "../../src/tokens/prune-refresh-history.ts";
import { saveProfile, useTokenRunKit } from "../token-runs.ts";

const DAY_MS = 24 * 3600 * 1000;

const kit = useTokenRunKit("history");

const profile = (name: string) => ({
  name,
  identityProviderName: "IdP",
  clientId: "client",
  tokenRequestUrl: "https://idp.example.com/token",
});

/** Finished runs of a profile, one a minute, the newest `endingAgoMs` before now. */
async function runs(
  saved: { teamId: string; profileId: string },
  trigger: "refresh" | "manual" | "test",
  count: number,
  endingAgoMs: number,
) {
  const end = Date.now() - endingAgoMs;
  await kit.db.testRun.createMany({
    data: Array.from({ length: count }, (_, i) => {
      const at = new Date(end - i * 60_000);
      return {
        teamId: saved.teamId,
        profileId: saved.profileId,
        trigger,
        status: "succeeded" as const,
        queuedAt: at,
        startedAt: at,
        finishedAt: at,
        durationMs: 12,
      };
    }),
  });
}

const left = (profileId: string, trigger: "refresh" | "manual" | "test") =>
  kit.db.testRun.findMany({
    where: { profileId, trigger },
    orderBy: { queuedAt: "desc" },
    select: { queuedAt: true },
  });

describe("refresh history", () => {
  it("keeps the newest refreshes of each profile within the last 30 days, and every test", async () => {
    const { perProfile, days } = REFRESH_HISTORY;
    const busy = await saveProfile(kit, profile("Busy"));
    const quiet = await saveProfile(kit, profile("Quiet"));
    await runs(busy, "refresh", perProfile + 20, 0);
    await runs(busy, "test", 3, 60 * DAY_MS);
    await runs(quiet, "refresh", 5, 0);
    await runs(quiet, "refresh", 10, (days + 1) * DAY_MS);
    // "Refresh now" runs are refreshes too: past 30 days they go like the scheduler's.
    await runs(quiet, "manual", 2, 0);
    await runs(quiet, "manual", 4, (days + 1) * DAY_MS);
    const newest = (await left(busy.profileId, "refresh")).slice(0, perProfile);

    const { deleted } = await pruneRefreshHistory({ db: kit.db, now: () => new Date() });

    expect(deleted).toBe(34);
    expect(await left(busy.profileId, "refresh")).toEqual(newest);
    expect(await left(busy.profileId, "test")).toHaveLength(3);
    const quietLeft = await left(quiet.profileId, "refresh");
    expect(quietLeft).toHaveLength(5);
    expect(await left(quiet.profileId, "manual")).toHaveLength(2);
    for (const run of quietLeft)
      expect(run.queuedAt.getTime()).toBeGreaterThan(Date.now() - days * DAY_MS);
    expect((await pruneRefreshHistory({ db: kit.db, now: () => new Date() })).deleted).toBe(0);

    // The token dashboard's history still has its runs to draw.
    const dashboard = await tokenDashboard({ db: kit.db, now: () => new Date() }, busy.member, {
      appId: busy.appId,
    });
    expect(dashboard.profiles[0]!.history).toHaveLength(60);
  });
});
