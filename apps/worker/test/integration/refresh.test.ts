// @module-tag resilience
// @module-tag redis-queue
import { randomUUID } from "node:crypto";
import type { Db, TokenState } from "@authdeck/core/db";
import { enqueueTokenRefresh, type TokenQueue } from "@authdeck/core/queue";
import {
  ensureTokenState,
  FAILING_AFTER,
  isUsable,
  readServiceToken,
  refreshAndWait as refreshForTokenApi,
  refreshNow,
  retryAt,
} from "@authdeck/core/tokens";
import {
  type DatabaseFixture,
  type OidcTestProvider,
  openTestDb,
  openTestQueue,
  type QueueFixture,
  startOidcProvider,
  startTokenServer,
  type TokenServer,
} from "@authdeck/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createProfileFor,
  type Spawned,
  spawnMainWorker,
  testSealer,
  waitFor,
} from "../support.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sealer = testSealer();

let database: DatabaseFixture;
let db: Db;
let connection: QueueFixture;
let queue: TokenQueue;
let prefix: string;
let oidc: OidcTestProvider;
let tokens: TokenServer;
const workers: Spawned[] = [];

function startWorkerProcess() {
  const worker = spawnMainWorker(database.url, prefix, {
    LOG_LEVEL: "warn",
    // These tests watch 10-second tokens over several lifetimes: the deployment's 30 s floor
    // between refreshes (refresh-floods.test.ts) would make them short-lived.
    REFRESH_MIN_INTERVAL_SECONDS: "1",
  });
  workers.push(worker);
  return worker;
}

async function stopWorkers(signal: NodeJS.Signals = "SIGTERM") {
  for (const worker of workers.splice(0)) {
    if (worker.child.exitCode === null) worker.child.kill(signal);
    await worker.exited;
  }
}

beforeAll(async () => {
  database = await openTestDb("refresh");
  db = database.db;
  connection = openTestQueue("refresh");
  ({ queue, prefix } = connection);
  oidc = await startOidcProvider({
    clients: [
      {
        clientId: "refresher",
        clientSecret: "refresher-secret",
        authMethod: "client_secret_basic",
      },
    ],
    accessTokenTTL: 10,
  });
  tokens = await startTokenServer({ expiresIn: 10 });
});

afterEach(async () => stopWorkers("SIGKILL"));

afterAll(async () => {
  await stopWorkers("SIGKILL");
  await connection?.close();
  await Promise.all([oidc?.close(), tokens?.close()]);
  await database?.close();
});

/** A team, an app and a profile with auto-refresh on, pointing at `tokenRequestUrl`. */
async function profileAt(
  tokenRequestUrl: string,
  clientId = "refresher",
  clientSecret = "refresher-secret",
) {
  const { member, appId, profileId } = await createProfileFor(
    { db, sealer },
    { name: "Short-lived", clientId, clientSecret, tokenRequestUrl },
  );
  await db.authorizationProfile.update({ where: { id: profileId }, data: { autoRefresh: true } });
  const state = await ensureTokenState(db, { teamId: member.teamId, profileId, tenant: "" });
  return { teamId: member.teamId, appId, profileId, stateId: state.id };
}

const stateOf = (stateId: string) => db.tokenState.findUniqueOrThrow({ where: { id: stateId } });
const refreshRuns = (profileId: string) =>
  db.testRun.count({ where: { profileId, trigger: "refresh" } });

/** The on-demand refresh the token API asks for: a shared job id per row version, then a wait. */
async function refreshAndWait(state: TokenState) {
  await enqueueTokenRefresh(
    queue,
    { stateId: state.id },
    { jobId: `refresh-now:${state.id}:${state.updatedAt.getTime()}` },
  );
  await waitFor(async () => {
    const current = await stateOf(state.id);
    const settled =
      current.updatedAt > state.updatedAt &&
      !(current.leaseUntil && current.leaseUntil > new Date());
    return isUsable(current, new Date()) || settled;
  }, 15_000);
}

describe("keeping tokens fresh", () => {
  it("refreshes 10-second oidc-provider tokens before they expire, over several lifetimes", async () => {
    const { stateId, profileId } = await profileAt(oidc.tokenUrl);
    startWorkerProcess();
    await waitFor(async () => (await stateOf(stateId)).accessTokenSealed !== null, 15_000);
    const tokensSeen = new Set<string>();
    const deadline = Date.now() + 26_000;
    while (Date.now() < deadline) {
      const state = await stateOf(stateId);
      // Between obtaining a token and the next refresh there is never a moment without a valid one.
      expect(state.expiresAt!.getTime()).toBeGreaterThan(Date.now());
      tokensSeen.add(state.accessTokenSealed!);
      await sleep(100);
    }
    // 26 s of 10 s tokens refreshed ~2 s early: at least three tokens, one request each.
    expect(tokensSeen.size).toBeGreaterThanOrEqual(3);
    const runs = await refreshRuns(profileId);
    const succeeded = await db.testRun.count({
      where: { profileId, trigger: "refresh", status: "succeeded" },
    });
    expect(succeeded).toBe(runs);
    const tokenRequests = oidc.requests.filter((r) => r.path === "/token").length;
    expect(tokenRequests).toBe(runs);
    expect(runs).toBeLessThanOrEqual(Math.ceil(32 / (10 * 0.8)));
  });

  it("serves services a valid token and makes one request for three concurrent callers of an expired one", async () => {
    const { teamId, appId, profileId, stateId } = await profileAt(tokens.urlFor("ok"));
    await db.authorizationProfile.update({
      where: { id: profileId },
      data: { autoRefresh: false },
    });
    startWorkerProcess();
    const before = tokens.requests.length;
    // A real key: each call served is counted against it.
    const key = await db.apiKey.create({
      data: { teamId, name: "Service", prefix: "adk_test", hash: randomUUID(), appIds: [appId] },
    });
    const caller = { apiKeyId: key.id, teamId, appIds: [appId] };
    const deps = { db, sealer, now: () => new Date(), refresh: refreshAndWait };
    const answers = await Promise.all(
      [1, 2, 3].map(() => readServiceToken(deps, caller, { appId, profileId })),
    );
    expect(tokens.requests.length - before).toBe(1);
    for (const answer of answers) {
      expect(answer.access_token).toBe(tokens.accessToken);
      expect(new Date(answer.expires_at!).getTime()).toBeGreaterThan(Date.now());
    }

    // Expired again: the next call refreshes first and still never hands out the old token.
    await db.tokenState.update({
      where: { id: stateId },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const again = await readServiceToken(deps, caller, { appId, profileId });
    expect(new Date(again.expires_at!).getTime()).toBeGreaterThan(Date.now() + 1_000);
    expect(tokens.requests.length - before).toBe(2);
  });

  it("records a refresh the token API asked for as the token API's, for the history charts", async () => {
    const { teamId, appId, profileId } = await profileAt(tokens.urlFor("ok"));
    await db.authorizationProfile.update({
      where: { id: profileId },
      data: { autoRefresh: false },
    });
    startWorkerProcess();
    const key = await db.apiKey.create({
      data: { teamId, name: "Service", prefix: "adk_test", hash: randomUUID(), appIds: [appId] },
    });
    const caller = { apiKeyId: key.id, teamId, appIds: [appId] };
    const now = () => new Date();
    const deps = {
      db,
      sealer,
      now,
      refresh: (state: TokenState) =>
        refreshForTokenApi({ db, now, queue, queuePrefix: prefix }, state, "api"),
    };
    const answer = await readServiceToken(deps, caller, { appId, profileId });
    expect(answer.access_token).toBe(tokens.accessToken);
    const runs = await db.testRun.findMany({
      where: { profileId },
      select: { trigger: true, status: true },
    });
    expect(runs).toEqual([{ trigger: "api", status: "succeeded" }]);
  });

  it("records a refresh started by Refresh now as that person's, not as an automatic one", async () => {
    const { member, appId, profileId } = await createProfileFor(
      { db, sealer },
      { name: "Refreshed by hand", tokenRequestUrl: tokens.urlFor("ok") },
    );
    // Off, so the scheduler's own first refresh cannot add an automatic run beside it.
    await db.authorizationProfile.update({
      where: { id: profileId },
      data: { autoRefresh: false },
    });
    startWorkerProcess();
    const now = () => new Date();
    await expect(refreshNow({ db, now, queue }, member, { appId, profileId })).resolves.toEqual({
      queued: 1,
    });
    await waitFor(async () => (await db.testRun.count({ where: { profileId } })) > 0, 15_000);
    const runs = await db.testRun.findMany({
      where: { profileId },
      select: { trigger: true, status: true, requestedById: true },
    });
    expect(runs).toEqual([
      { trigger: "manual", status: "succeeded", requestedById: member.userId },
    ]);
  });

  it("lets the next worker finish a refresh whose worker was killed mid-request", async () => {
    const { stateId } = await profileAt(tokens.urlFor("hang"));
    const first = startWorkerProcess();
    await waitFor(() => tokens.requests.some((r) => r.url.startsWith("/hang")), 15_000);
    first.child.kill("SIGKILL");
    await first.exited;
    // The provider recovers; the killed worker's job comes back to whoever runs next.
    await db.authorizationProfile.updateMany({
      data: { tokenRequestUrl: tokens.urlFor("ok") },
      where: { tokenStates: { some: { id: stateId } } },
    });
    startWorkerProcess();
    await waitFor(
      async () =>
        (await stateOf(stateId)).status === "fresh" &&
        (await stateOf(stateId)).accessTokenSealed !== null,
      40_000,
    );
    expect((await stateOf(stateId)).expiresAt!.getTime()).toBeGreaterThan(Date.now());
  }, 60_000);

  it("backs off a provider that starts failing and shows the failing state", async () => {
    const { stateId, profileId } = await profileAt(tokens.urlFor("ok"));
    startWorkerProcess();
    await waitFor(async () => (await stateOf(stateId)).accessTokenSealed !== null, 15_000);
    await db.authorizationProfile.update({
      where: { id: profileId },
      data: { tokenRequestUrl: `${tokens.url}/down/token` },
    });
    await waitFor(async () => (await stateOf(stateId)).status === "failing", 40_000);
    const state = await stateOf(stateId);
    expect(state.consecutiveFailures).toBeGreaterThanOrEqual(FAILING_AFTER);
    expect(state.lastError).toContain("not_found");
    const [last] = await db.testRun.findMany({
      where: { profileId, trigger: "refresh", status: "failed" },
      orderBy: { finishedAt: "desc" },
      take: 1,
    });
    // The next try waits as the backoff says: exponentially longer, and once the token has
    // expired at least the first step (5 s).
    expect(state.nextRefreshAt).toEqual(
      retryAt(state.consecutiveFailures, last!.finishedAt!, state.expiresAt),
    );
    if (state.expiresAt! < last!.finishedAt!) {
      expect(state.nextRefreshAt!.getTime() - last!.finishedAt!.getTime()).toBeGreaterThanOrEqual(
        5_000,
      );
    }
  }, 60_000);

  it("goes on refreshing on schedule after every process restarts", async () => {
    const { stateId, profileId } = await profileAt(oidc.tokenUrl);
    startWorkerProcess();
    await waitFor(async () => (await refreshRuns(profileId)) >= 2, 35_000);
    await stopWorkers("SIGTERM");
    const before = await refreshRuns(profileId);
    startWorkerProcess();
    await waitFor(async () => (await refreshRuns(profileId)) >= before + 2, 35_000);
    const state = await stateOf(stateId);
    expect(state.status).not.toBe("failing");
    expect(state.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  }, 90_000);
});
