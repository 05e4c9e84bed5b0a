import { createDb, type Db } from "@authdeck/core/db";
import { createRedis, createTokenQueue, type TokenQueue } from "@authdeck/core/queue";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  dumpRedisKeys,
  startTokenServer,
  type TestDatabase,
  type TokenServer,
  uniqueQueuePrefix,
} from "@authdeck/core/testing";
import { startTest } from "@authdeck/core/tests";
import { ensureTokenState } from "@authdeck/core/tokens";
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

// What the sealer writes: v1.<key id>.<12-byte IV in base64url>.<ciphertext>.<tag>
const SEALED = /v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}/;

let database: TestDatabase;
let db: Db;
let redis: Redis;
let queue: TokenQueue;
let tokens: TokenServer;
let worker: Spawned | undefined;
const prefix = uniqueQueuePrefix("logs");
const sealer = testSealer();

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: "worker_logs",
  });
  db = createDb({ databaseUrl: database.url, poolSize: 4 });
  redis = createRedis(testRedisUrl, "producer");
  queue = createTokenQueue(redis, prefix);
  tokens = await startTokenServer();
  // The database refuses every token write and quotes the sealed token in its message, as an
  // error about a row's values can: the message must not reach the logs or Redis.
  await db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_token_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'token write refused: %', NEW.access_token_sealed; END $$`);
  await db.$executeRawUnsafe(`
    CREATE TRIGGER refuse_token_write BEFORE INSERT OR UPDATE ON token_state FOR EACH ROW
    WHEN (NEW.access_token_sealed IS NOT NULL) EXECUTE FUNCTION refuse_token_write()`);
});

afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await worker?.exited;
  await queue?.obliterate({ force: true }).catch(() => {});
  await queue?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis?.quit();
  await tokens?.close();
  await db?.$disconnect();
  await database?.drop();
});

describe("the worker process at trace level", () => {
  it("logs failing token writes without the database's message, query arguments or sealed values", async () => {
    worker = spawnWorker("src/main.ts", {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      AUTHDECK_QUEUE_PREFIX: prefix,
      AUTHDECK_SEALING_KEYS: validSealingKeys,
      AUTHDECK_EGRESS_ALLOW: "127.0.0.0/8",
      LOG_LEVEL: "trace",
    });
    await waitFor(() => worker!.output().includes('"worker started"'));

    const tested = await createProfileFor({ db, sealer }, { tokenRequestUrl: tokens.urlFor("ok") });
    const { runId } = await startTest(
      {
        db,
        now: () => new Date(),
        redis,
        queuePrefix: prefix,
        queue,
        limits: { perUserPerMinute: 100, perTeamPerMinute: 100 },
      },
      tested.member,
      { appId: tested.appId, profileId: tested.profileId },
    );
    const refreshed = await createProfileFor(
      { db, sealer },
      { tokenRequestUrl: tokens.urlFor("ok") },
    );
    await db.authorizationProfile.update({
      where: { id: refreshed.profileId },
      data: { autoRefresh: true },
    });
    await ensureTokenState(db, {
      teamId: refreshed.member.teamId,
      profileId: refreshed.profileId,
      tenant: "",
    });

    // Both jobs reached the provider and failed on the write, and the worker said so.
    await waitFor(() => tokens.requests.length >= 2, 20_000);
    await waitFor(
      () =>
        worker!.output().includes("token test failed to run") &&
        worker!.output().includes(`"jobName":"token.refresh"`) &&
        worker!.output().includes('"job failed"'),
      20_000,
    );
    const logs = worker!.output();
    const redisDump = await dumpRedisKeys(redis, prefix);
    expect(redisDump).toContain(runId);

    for (const text of [logs, redisDump]) {
      expect(text).not.toMatch(SEALED);
      expect(text).not.toContain("token write refused");
      expect(text).not.toContain(tokens.accessToken);
    }
    // What is left still tells an operator what failed.
    expect(logs).toContain("PrismaClientKnownRequestError P2039 (database error P0001)");
  }, 60_000);
});
