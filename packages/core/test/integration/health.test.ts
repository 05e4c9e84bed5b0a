import {
  createTestDatabase,
  type TestDatabase,
  testServers,
  uniqueQueuePrefix,
} from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/index.ts";
import { checkHealth } from "../../src/health/index.ts";
import { createRedis, forgetWorker, HEARTBEAT, recordHeartbeat } from "../../src/queue/index.ts";

let database: TestDatabase;
let db: Db;
// The topology test names one server's address: this file is not one of the Cluster suite's.
const target = testServers.redis;
if (target.topology !== "single") throw new Error("health.test.ts expects one Redis server");
const redis = createRedis(target, "producer");
const queuePrefix = uniqueQueuePrefix("health");

beforeAll(async () => {
  database = await createTestDatabase({ baseUrl: testServers.databaseUrl, label: "health" });
  db = createDb({ databaseUrl: database.url, poolSize: 2 });
});

afterAll(async () => {
  await redis.del(`${queuePrefix}:workers`);
  redis.disconnect();
  await db.$disconnect();
  await database.drop();
});

describe("checkHealth", () => {
  it("reports PostgreSQL and Redis up and the worker down until one beats", async () => {
    const now = () => new Date();
    const before = await checkHealth({ db, redis, queuePrefix, now, showNodes: false });
    expect(before.postgres).toMatchObject({ ok: true, detail: "accepting queries" });
    expect(before.redis).toMatchObject({ ok: true, detail: "answering" });
    expect(before.worker.ok).toBe(false);
    expect(before.worker.detail).toContain("no worker running");

    await recordHeartbeat(redis, queuePrefix, "w1", new Date());
    const after = await checkHealth({ db, redis, queuePrefix, now, showNodes: false });
    expect(after.worker).toMatchObject({ ok: true });
    expect(after.worker.detail).toMatch(/^1 running, last heartbeat \d+ s ago$/);

    const later = () => new Date(Date.now() + HEARTBEAT.staleAfterMs + 1_000);
    expect(
      (await checkHealth({ db, redis, queuePrefix, now: later, showNodes: false })).worker.ok,
    ).toBe(false);

    await forgetWorker(redis, queuePrefix, "w1");
    expect((await checkHealth({ db, redis, queuePrefix, now, showNodes: false })).worker.ok).toBe(
      false,
    );
  });

  it("names the Redis topology to anyone and its master's address only when asked to", async () => {
    const now = () => new Date();
    const hidden = await checkHealth({ db, redis, queuePrefix, now, showNodes: false });
    expect(hidden.redisTopology).toEqual({ topology: "single", master: null });
    const shown = await checkHealth({ db, redis, queuePrefix, now, showNodes: true });
    const { port } = new URL(target.url);
    expect(shown.redisTopology).toEqual({
      topology: "single",
      master: `127.0.0.1:${port || 6379}`,
    });
  });

  it("reports a database that does not answer as down without the password", async () => {
    const unreachable = createDb({
      databaseUrl: "postgresql://someone:hunter2@127.0.0.1:1/none",
      poolSize: 1,
    });
    const health = await checkHealth({
      db: unreachable,
      redis,
      queuePrefix,
      now: () => new Date(),
      showNodes: false,
    });
    expect(health.postgres.ok).toBe(false);
    expect(health.postgres.detail).not.toContain("hunter2");
    await unreachable.$disconnect();
  });

  it("reports Redis down when nothing listens", async () => {
    const deadRedis = createRedis("redis://127.0.0.1:1", "producer");
    deadRedis.on("error", () => {});
    const health = await checkHealth({
      db,
      redis: deadRedis,
      queuePrefix,
      now: () => new Date(),
      showNodes: false,
    });
    expect(health.redis.ok).toBe(false);
    expect(health.worker).toMatchObject({
      ok: false,
      detail: "unknown while Redis is unreachable",
    });
    deadRedis.disconnect();
  });
});
