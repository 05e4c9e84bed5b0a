// @module-tag resilience
import { createDb, type Db } from "@authdeck/core/db";
import { createRedis, createTokenQueue, JOBS, type TokenQueue } from "@authdeck/core/queue";
import { LOST_AFTER_MS } from "@authdeck/core/test-runs";
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

let database: TestDatabase;
let db: Db;
let producer: Redis;
let queue: TokenQueue;
let tokens: TokenServer;
let worker: Spawned;
const prefix = uniqueQueuePrefix("lost-runs");

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: "lost_runs",
  });
  db = createDb({ databaseUrl: database.url, poolSize: 4 });
  producer = createRedis(testRedisUrl, "producer");
  queue = createTokenQueue(producer, prefix);
  tokens = await startTokenServer();
  worker = spawnWorker("src/main.ts", {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    AUTHDECK_QUEUE_PREFIX: prefix,
    AUTHDECK_SEALING_KEYS: validSealingKeys,
    AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8",
    LOG_LEVEL: "info",
  });
  await waitFor(() => worker.output().includes('"worker started"'));
});

afterAll(async () => {
  worker?.child.kill("SIGKILL");
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  const keys = await producer.keys(`${prefix}:*`);
  if (keys.length > 0) await producer.del(...keys);
  await Promise.all([producer.quit(), tokens.close()]);
  await db.$disconnect();
  await database.drop();
});

/** A run as startTest leaves it, pressed long enough ago for its job to count as lost. */
async function pressedEarlier(status: "queued" | "running") {
  const { member, profileId } = await createProfileFor(
    { db, sealer: testSealer() },
    { tokenRequestUrl: tokens.urlFor("ok") },
  );
  return db.testRun.create({
    data: {
      teamId: member.teamId,
      profileId,
      requestedById: member.userId,
      status,
      trigger: "test",
      queuedAt: new Date(Date.now() - LOST_AFTER_MS - 1_000),
    },
  });
}

const runOf = (id: string) => db.testRun.findUniqueOrThrow({ where: { id } });

describe("tests whose job was lost", () => {
  it("are queued again and get their verdict, when Redis lost the job", async () => {
    const queued = await pressedEarlier("queued");
    const running = await pressedEarlier("running");
    await waitFor(async () => (await runOf(queued.id)).finishedAt !== null, 15_000);
    await waitFor(async () => (await runOf(running.id)).finishedAt !== null, 15_000);
    for (const id of [queued.id, running.id])
      expect(await runOf(id)).toMatchObject({ status: "succeeded", responseStatus: 200 });
    expect(worker.output()).toContain("recovered tests whose job was lost");
  });

  it("are failed with a verdict, when their job gave up for good", async () => {
    const run = await pressedEarlier("queued");
    // A job under the run's id that the worker drops at once, as after its last attempt.
    await queue.add(JOBS.tokenTest, { runId: "not-a-run" }, { jobId: run.id, attempts: 1 });
    await waitFor(async () => (await queue.getJobState(run.id)) === "failed");
    await waitFor(async () => (await runOf(run.id)).finishedAt !== null, 15_000);
    expect(await runOf(run.id)).toMatchObject({
      status: "failed",
      errorClass: "internal_error",
      errorMessage: "Authdeck could not run this test; try again",
    });
  });

  it("are left alone while young: a run pressed just now waits for its job", async () => {
    const { member, profileId } = await createProfileFor(
      { db, sealer: testSealer() },
      { tokenRequestUrl: tokens.urlFor("ok") },
    );
    const fresh = await db.testRun.create({
      data: { teamId: member.teamId, profileId, status: "queued", trigger: "test" },
    });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect((await runOf(fresh.id)).status).toBe("queued");
    expect(await queue.getJobState(fresh.id)).toBe("unknown");
  });
});
