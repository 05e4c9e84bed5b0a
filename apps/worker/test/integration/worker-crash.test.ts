// @module-tag resilience
import { createDb, type Db } from "@authdeck/core/db";
import { createRedis, createTokenQueue, runChannel, type TokenQueue } from "@authdeck/core/queue";
import { startTest } from "@authdeck/core/test-runs";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  startTokenServer,
  type TestDatabase,
  type TokenServer,
  uniqueQueuePrefix,
} from "@authdeck/test-support";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProfileFor,
  type Spawned,
  spawnWorker,
  testRedisUrl,
  testSealer,
  validSealingKeys,
  waitFor,
} from "../support.ts";

// The provider takes this long, so the kill lands while the token request is in flight.
const PROVIDER_DELAY_MS = 3_000;

let database: TestDatabase;
let db: Db;
let producer: Redis;
let subscriber: Redis;
let queue: TokenQueue;
let tokens: TokenServer;
const prefix = uniqueQueuePrefix("crash");
const workers: Spawned[] = [];
const events: Array<{ channel: string; status: string }> = [];

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: "crash",
  });
  db = createDb({ databaseUrl: database.url, poolSize: 4 });
  producer = createRedis(testRedisUrl, "producer");
  queue = createTokenQueue(producer, prefix);
  subscriber = createRedis(testRedisUrl, "worker");
  subscriber.on("pmessage", (_pattern, channel, message) =>
    events.push({ channel, status: JSON.parse(message).status }),
  );
  await subscriber.psubscribe(`${prefix}:events:run:*`);
  tokens = await startTokenServer({ delayMs: PROVIDER_DELAY_MS });
});

afterAll(async () => {
  for (const worker of workers) worker.child.kill("SIGKILL");
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  const keys = await producer.keys(`${prefix}:*`);
  if (keys.length > 0) await producer.del(...keys);
  await Promise.all([producer.quit(), subscriber.quit(), tokens.close()]);
  await db.$disconnect();
  await database.drop();
});

function startWorkerProcess() {
  const worker = spawnWorker("src/main.ts", {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    AUTHDECK_QUEUE_PREFIX: prefix,
    AUTHDECK_SEALING_KEYS: validSealingKeys,
    AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8",
    LOG_LEVEL: "info",
  });
  workers.push(worker);
  return worker;
}

describe("a worker killed with SIGKILL in the middle of a test", () => {
  it("has the test re-run by the next worker within 15 s, its result written once", async () => {
    const { member, appId, profileId } = await createProfileFor(
      { db, sealer: testSealer() },
      { tokenRequestUrl: tokens.urlFor("slow") },
    );
    const first = startWorkerProcess();
    await waitFor(() => first.output().includes('"worker started"'));
    const { runId } = await startTest(
      {
        db,
        now: () => new Date(),
        redis: producer,
        queuePrefix: prefix,
        queue,
        limits: { perUserPerMinute: 100, perTeamPerMinute: 100 },
      },
      member,
      { appId, profileId },
    );
    await waitFor(() => tokens.requests.length === 1);
    first.child.kill("SIGKILL");
    const { at: killedAt } = await first.exited;
    expect((await db.testRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("running");

    startWorkerProcess();
    await waitFor(() => tokens.requests.length === 2, 20_000);
    const rerunAfterMs = Date.now() - killedAt;
    await waitFor(
      async () =>
        (await db.testRun.findUniqueOrThrow({ where: { id: runId } })).finishedAt !== null,
      PROVIDER_DELAY_MS + 5_000,
    );
    const finalAfterMs = Date.now() - killedAt;
    console.info(`re-run ${rerunAfterMs} ms and result ${finalAfterMs} ms after the SIGKILL`);
    expect(rerunAfterMs).toBeLessThanOrEqual(15_000);

    const run = await db.testRun.findUniqueOrThrow({ where: { id: runId } });
    // The verdict is the next worker's: its start and its one request came after the kill.
    expect(run).toMatchObject({ status: "succeeded", responseStatus: 200, attempts: 1 });
    expect(run.startedAt!.getTime()).toBeGreaterThan(killedAt);
    expect(await db.testRun.count({ where: { profileId } })).toBe(1);
    await waitFor(async () => (await queue.getJobState(runId)) === "completed");
    // The result is announced once: nothing wrote a second verdict.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const finals = events.filter(
      (e) => e.channel === runChannel(prefix, runId) && e.status !== "running",
    );
    expect(finals.map((e) => e.status)).toEqual(["succeeded"]);
  }, 60_000);
});
