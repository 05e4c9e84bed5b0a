import { createDb, type Db } from "@authdeck/core/db";
import { createRedis, createTokenQueue, type TokenQueue } from "@authdeck/core/queue";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  startTokenServer,
  type TestDatabase,
  type TokenServer,
  uniqueQueuePrefix,
} from "@authdeck/core/testing";
import { startTest } from "@authdeck/core/tests";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createProfileFor,
  type Spawned,
  spawnWorker,
  testRedisUrl,
  testSealer,
  validSealingKeys,
  waitFor,
} from "../support.ts";

let database: TestDatabase;
let db: Db;
let redis: Redis;
let tokens: TokenServer;
const sealer = testSealer();
const workers: Spawned[] = [];
const queues: TokenQueue[] = [];

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: "fair_slots",
  });
  db = createDb({ databaseUrl: database.url, poolSize: 4 });
  redis = createRedis(testRedisUrl, "producer");
  // One byte a second: the whole answer takes over a minute.
  tokens = await startTokenServer({ dripMs: 1_000 });
});

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    await worker.exited;
  }
  for (const queue of queues.splice(0)) {
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
});

afterAll(async () => {
  await redis?.quit();
  await tokens?.close();
  await db?.$disconnect();
  await database?.drop();
});

/** A worker process of its own queue prefix, and a way to press Test on that queue. */
async function startWorkerOn(env: Record<string, string> = {}) {
  const prefix = uniqueQueuePrefix("fair");
  const queue = createTokenQueue(redis, prefix);
  queues.push(queue);
  const worker = spawnWorker("src/main.ts", {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    AUTHDECK_QUEUE_PREFIX: prefix,
    AUTHDECK_SEALING_KEYS: validSealingKeys,
    AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8",
    LOG_LEVEL: "info",
    ...env,
  });
  workers.push(worker);
  await waitFor(() => worker.output().includes('"worker started"'));
  const press = async (saved: Awaited<ReturnType<typeof createProfileFor>>) =>
    (
      await startTest(
        {
          db,
          now: () => new Date(),
          redis,
          queuePrefix: prefix,
          queue,
          limits: { perUserPerMinute: 1_000, perTeamPerMinute: 1_000 },
        },
        saved.member,
        { appId: saved.appId, profileId: saved.profileId },
      )
    ).runId;
  return { press };
}

const finished = (runId: string) =>
  db.testRun.findFirst({ where: { id: runId, status: { in: ["succeeded", "failed"] } } });

const inFlight = (behaviour: string, since: number) =>
  tokens.requests.filter((r) => r.url.startsWith(`/${behaviour}/`) && r.receivedAt >= since);

describe("worker slots shared between teams", () => {
  it("a team's test is not held up by 26 throwaway teams whose providers drip their answers", async () => {
    const { press } = await startWorkerOn();
    const dripping = [];
    for (let i = 0; i < 26; i++)
      dripping.push(
        await createProfileFor({ db, sealer }, { tokenRequestUrl: tokens.urlFor("drip") }),
      );
    const other = await createProfileFor({ db, sealer }, { tokenRequestUrl: tokens.urlFor("ok") });
    const since = Date.now();

    // All at once: every slot of the worker (25 by default) is taken by a drip in one go.
    const drips = await Promise.all(dripping.map(press));
    await waitFor(() => inFlight("drip", since).length >= 25, 20_000);
    const runId = await press(other);
    await waitFor(async () => (await finished(runId)) !== null, 120_000);

    const run = (await finished(runId))!;
    const delayMs = run.finishedAt!.getTime() - run.queuedAt.getTime();
    console.log(`the other team's test finished ${delayMs} ms after it was pressed`);
    expect(run.status).toBe("succeeded");
    expect(delayMs).toBeLessThan(5_000);

    // The drips themselves end at the deadline of their one attempt.
    await waitFor(async () => (await Promise.all(drips.map(finished))).every(Boolean), 60_000);
    const verdicts = await db.testRun.findMany({ where: { id: { in: drips } } });
    for (const verdict of verdicts) {
      expect(verdict).toMatchObject({ status: "failed", errorClass: "timeout", attempts: 1 });
      expect(verdict.errorMessage).toContain("the deadline for one attempt");
    }
    const longest = Math.max(...verdicts.map((v) => v.finishedAt!.getTime() - since));
    console.log(`the last drip ended ${longest} ms after the first press`);
  }, 150_000);

  it("a team whose provider drips holds at most its share of a worker's slots", async () => {
    // Five slots: a team's share is one, and twice five jobs may wait on slow providers.
    const { press } = await startWorkerOn({ WORKER_CONCURRENCY: "5" });
    const slow = await createProfileFor({ db, sealer }, { tokenRequestUrl: tokens.urlFor("drip") });
    const other = await createProfileFor({ db, sealer }, { tokenRequestUrl: tokens.urlFor("ok") });
    const since = Date.now();

    await Promise.all(Array.from({ length: 20 }, () => press(slow)));
    await waitFor(() => inFlight("drip", since).length >= 5, 20_000);
    const runId = await press(other);
    await waitFor(async () => (await finished(runId)) !== null, 60_000);

    const run = (await finished(runId))!;
    const delayMs = run.finishedAt!.getTime() - run.queuedAt.getTime();
    console.log(`the other team's test finished ${delayMs} ms after it was pressed`);
    expect(run.status).toBe("succeeded");
    expect(delayMs).toBeLessThan(5_000);
    // Once its first jobs were seen waiting, none of the team's others started.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(inFlight("drip", since)).toHaveLength(5);
  }, 90_000);
});
