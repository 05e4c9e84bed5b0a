// @module-tag resilience
// @module-tag slow-fault
import { randomUUID } from "node:crypto";
import { secretOriginsOf } from "@authdeck/core/client";
import type { TokenState } from "@authdeck/core/db";
import { createProfile } from "@authdeck/core/profiles";
import { enqueueTokenRefresh, type TokenQueue } from "@authdeck/core/queue";
import { profileFieldsSchema } from "@authdeck/core/schemas";
import { ensureTokenState, readServiceToken } from "@authdeck/core/tokens";
import { startTokenServer, type TokenServer } from "@authdeck/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openWorkerKit, type WorkerKit, waitFor } from "../support.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let kit: WorkerKit;
const servers: TokenServer[] = [];

beforeAll(async () => {
  kit = await openWorkerKit("refresh_floods");
});
afterEach(async () => {
  await kit.stopWorkers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => kit?.close());

async function serve(expiresIn: number) {
  const server = await startTokenServer({ expiresIn });
  servers.push(server);
  return server;
}

/** `count` profiles with auto-refresh in one new team, each with a token state due now. */
async function autoRefreshed(tokenRequestUrl: string, count: number) {
  const first = await kit.createProfile({ tokenRequestUrl });
  const profileIds = [first.profileId];
  for (let i = 1; i < count; i++) {
    const more = await createProfile(
      { db: kit.db, sealer: kit.sealer, now: () => new Date() },
      first.member,
      {
        appId: first.appId,
        profile: profileFieldsSchema.parse({
          name: `Provider ${i}`,
          identityProviderName: "Test IdP",
          clientId: "client",
          clientSecret: "secret",
          tokenRequestUrl,
        }),
      },
    );
    profileIds.push(more.id);
  }
  await kit.db.authorizationProfile.updateMany({
    where: { id: { in: profileIds } },
    data: { autoRefresh: true },
  });
  const states = [];
  for (const profileId of profileIds)
    states.push(
      await ensureTokenState(kit.db, { teamId: first.member.teamId, profileId, tenant: "" }),
    );
  return {
    teamId: first.member.teamId,
    appId: first.appId,
    profileIds,
    stateIds: states.map((s) => s.id),
  };
}

/** As the token API does: one shared refresh of this version of the row, then a wait for it. */
async function refreshAndWait(queue: TokenQueue, state: TokenState) {
  await enqueueTokenRefresh(
    queue,
    { stateId: state.id, teamId: state.teamId },
    { jobId: `refresh-now:${state.id}:${state.updatedAt.getTime()}` },
  );
  await waitFor(async () => {
    const current = await kit.db.tokenState.findUniqueOrThrow({ where: { id: state.id } });
    return current.updatedAt > state.updatedAt && !current.leaseUntil;
  }, 15_000);
}

const statesOf = (ids: string[]) =>
  kit.db.tokenState.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });

describe("short-lived tokens", () => {
  it("are refreshed when asked for, never sooner than 30 s after the last one on schedule", async () => {
    const server = await serve(1);
    const tiny = await serve(0.001);
    const { queue } = await kit.startWorker();
    const { stateIds } = await autoRefreshed(server.urlFor("ok"), 3);
    const { stateIds: tinyIds } = await autoRefreshed(tiny.urlFor("ok"), 1);

    await waitFor(async () =>
      (await statesOf([...stateIds, ...tinyIds])).every((s) => s.obtainedAt),
    );
    await sleep(10_000);
    // One request each: before the floor, 4.5 a second for the three.
    expect(server.requests).toHaveLength(3);
    expect(tiny.requests).toHaveLength(1);
    for (const state of await statesOf([...stateIds, ...tinyIds])) {
      expect(state.nextRefreshAt!.getTime() - state.obtainedAt!.getTime()).toBeGreaterThanOrEqual(
        30_000,
      );
      expect(state.refreshNote).toMatch(/less than the 30 s Authdeck leaves between refreshes/);
    }
    const runs = await kit.db.testRun.count({ where: { trigger: "refresh" } });
    expect(runs).toBe(4);

    // Asked for (as the token API does), one is fetched at once.
    const [first] = await statesOf([stateIds[0]!]);
    await enqueueTokenRefresh(
      queue,
      { stateId: first!.id },
      { jobId: `refresh-now:${first!.id}:${first!.updatedAt.getTime()}` },
    );
    await waitFor(() => server.requests.length === 4, 15_000);
    await waitFor(async () => (await statesOf([first!.id]))[0]!.obtainedAt! > first!.obtainedAt!);
  }, 90_000);

  it("are refreshed on schedule ever less often while they keep coming short-lived", async () => {
    const server = await serve(0.5);
    await kit.startWorker({ REFRESH_MIN_INTERVAL_SECONDS: "1" });
    const { stateIds } = await autoRefreshed(server.urlFor("ok"), 1);

    await waitFor(() => server.requests.length >= 4, 30_000);
    const times = server.requests.map((r) => r.receivedAt);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 1 s, then 2 s, then 4 s between requests: each at least the double of the one before.
    expect(gaps[0]).toBeGreaterThanOrEqual(1_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(4_000);
    const [state] = await statesOf(stateIds);
    expect(state!.shortLivedCount).toBeGreaterThanOrEqual(3);
    expect(state!.refreshNote).toMatch(/in a row/);
  }, 60_000);

  it("stop being held back once the provider issues a normal token again", async () => {
    const server = await serve(0.5);
    await kit.startWorker({ REFRESH_MIN_INTERVAL_SECONDS: "1" });
    const { stateIds, profileIds } = await autoRefreshed(server.urlFor("ok"), 1);
    await waitFor(async () => ((await statesOf(stateIds))[0]?.shortLivedCount ?? 0) >= 2, 20_000);

    const normal = await serve(3600);
    // As a save with the secret entered again would: the secrets now belong to the new origin.
    const tokenRequestUrl = normal.urlFor("ok");
    await kit.db.authorizationProfile.update({
      where: { id: profileIds[0]! },
      data: { tokenRequestUrl, secretOrigins: secretOriginsOf({ tokenRequestUrl }) },
    });
    await waitFor(() => normal.requests.length === 1, 20_000);
    await waitFor(async () => (await statesOf(stateIds))[0]!.shortLivedCount === 0);
    const [state] = await statesOf(stateIds);
    expect(state!.refreshNote).toBeNull();
    // A one-hour token: refreshed 12 minutes ahead, as usual.
    expect(state!.expiresAt!.getTime() - state!.nextRefreshAt!.getTime()).toBeGreaterThan(
      10 * 60_000,
    );
  }, 60_000);
});

describe("a team's refresh budget", () => {
  it("holds a team's refreshes past it until the next minute, visibly, and not other teams'", async () => {
    const server = await serve(3600);
    const { queue } = await kit.startWorker({ REFRESH_BUDGET_PER_TEAM_PER_MINUTE: "3" });
    const busy = await autoRefreshed(server.urlFor("ok"), 5);
    const other = await autoRefreshed(server.urlFor("ok"), 1);

    await waitFor(async () => (await statesOf(other.stateIds))[0]!.obtainedAt !== null, 20_000);
    await waitFor(async () => (await statesOf(busy.stateIds)).every((s) => !s.leaseUntil), 20_000);
    await sleep(2_000);

    const states = await statesOf(busy.stateIds);
    const refreshed = states.filter((s) => s.obtainedAt);
    const waiting = states.filter((s) => !s.obtainedAt);
    expect(refreshed).toHaveLength(3);
    expect(waiting).toHaveLength(2);
    for (const state of waiting) {
      expect(state.refreshNote).toBe(
        "This team has used its 3 refreshes for this minute (the deployment's budget); this refresh waits for the next minute.",
      );
      expect(state.nextRefreshAt!.getTime()).toBeGreaterThan(Date.now());
      expect(state.status).not.toBe("refreshing");
    }
    expect(server.requests).toHaveLength(4);
    const runs = await kit.db.testRun.count({
      where: { trigger: "refresh", profileId: { in: busy.profileIds } },
    });
    expect(runs).toBe(3);

    // A service asking for a waiting token is told why it gets none.
    const profileId = busy.profileIds[busy.stateIds.indexOf(waiting[0]!.id)]!;
    const caller = { apiKeyId: randomUUID(), teamId: busy.teamId, appIds: [busy.appId] };
    const refused = await readServiceToken(
      {
        db: kit.db,
        sealer: kit.sealer,
        now: () => new Date(),
        refresh: (state) => refreshAndWait(queue, state),
      },
      caller,
      { appId: busy.appId, profileId },
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining("This team has used its 3 refreshes for this minute"),
    });
    expect(server.requests).toHaveLength(4);
  }, 60_000);
});

describe("refresh history", () => {
  it("is pruned by the worker soon after it starts: past 30 days, or past a profile's newest 500", async () => {
    const server = await serve(3600);
    const { profileIds, teamId } = await autoRefreshed(server.urlFor("ok"), 2);
    await kit.db.authorizationProfile.updateMany({
      where: { id: { in: profileIds } },
      data: { autoRefresh: false },
    });
    const run = (profileId: string, trigger: "refresh" | "test", agoMs: number) => {
      const at = new Date(Date.now() - agoMs);
      return {
        teamId,
        profileId,
        trigger,
        status: "succeeded" as const,
        queuedAt: at,
        finishedAt: at,
      };
    };
    const [old, busy] = profileIds as [string, string];
    await kit.db.testRun.createMany({
      data: [
        ...Array.from({ length: 10 }, (_, i) => run(old, "refresh", (31 + i) * 86_400_000)),
        run(old, "test", 400 * 86_400_000),
        ...Array.from({ length: 510 }, (_, i) => run(busy, "refresh", i * 60_000)),
      ],
    });

    await kit.startWorker();
    await waitFor(
      async () =>
        (await kit.db.testRun.count({
          where: { trigger: "refresh", profileId: { in: profileIds } },
        })) === 500,
      30_000,
    );
    expect(await kit.db.testRun.count({ where: { profileId: old, trigger: "refresh" } })).toBe(0);
    expect(await kit.db.testRun.count({ where: { profileId: old, trigger: "test" } })).toBe(1);
    expect(await kit.db.testRun.count({ where: { profileId: busy } })).toBe(500);
  }, 60_000);
});
