// @module-tag resilience
// @module-tag slow-fault
import {
  createTestDatabase,
  type PrivateSentinel,
  startPrivateSentinel,
  type TestDatabase,
  testServers,
  uniqueQueuePrefix,
} from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisTarget } from "../../src/config/index.ts";
import { createDb, type Db } from "../../src/db/index.ts";
import { checkHealth } from "../../src/health/index.ts";
import { createRedis, createTokenQueue, type RedisClient } from "../../src/queue/index.ts";

let sentinel: PrivateSentinel;
let database: TestDatabase;
let db: Db;
const clients: RedisClient[] = [];
const queuePrefix = uniqueQueuePrefix("sentinel");

beforeAll(async () => {
  sentinel = await startPrivateSentinel();
  database = await createTestDatabase({ baseUrl: testServers.databaseUrl, label: "sentinel" });
  db = createDb({ databaseUrl: database.url, poolSize: 2 });
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await db?.$disconnect();
  await database?.drop();
  await sentinel?.close();
});

const connect = (role: "worker" | "producer") => {
  const target: RedisTarget = {
    topology: "sentinel",
    sentinels: sentinel.sentinels,
    masterName: sentinel.masterName,
  };
  const client = createRedis(target, role);
  client.on("error", () => {});
  clients.push(client);
  return client;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a connection through Redis Sentinel", () => {
  it("queues on the master, fails fast while it is down and follows the failover", async () => {
    const producer = connect("producer");
    const queue = createTokenQueue(producer, queuePrefix);
    queue.on("error", () => {});
    const health = () =>
      checkHealth({ db, redis: producer, queuePrefix, now: () => new Date(), showNodes: true });

    await queue.add("probe", { n: 1 });
    // Replication is asynchronous: WAIT makes sure both replicas hold the job before the kill.
    expect(await producer.call("WAIT", 2, 5_000)).toBe(2);
    const first = await sentinel.master();
    expect(await health()).toMatchObject({
      redis: { ok: true },
      redisTopology: { topology: "sentinel", master: `127.0.0.1:${first}` },
    });

    const killed = await sentinel.killMaster();
    const killedAt = Date.now();
    // While no master answers, a producer's call fails within seconds instead of hanging.
    const started = Date.now();
    const during = await queue.add("probe", { n: 2 }).then(
      () => "queued",
      (error: Error) => error.message,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(during).not.toBe("queued");

    const promoted = await sentinel.untilFailedOver(killed);
    expect(promoted).not.toBe(killed);
    // The client learns the new master from the sentinels and queues there again.
    let queued = false;
    while (!queued && Date.now() - killedAt < 30_000) {
      queued = await queue.add("probe", { n: 3 }).then(
        () => true,
        () => false,
      );
      if (!queued) await sleep(100);
    }
    expect(queued).toBe(true);
    expect(await health()).toMatchObject({
      redis: { ok: true },
      redisTopology: { topology: "sentinel", master: `127.0.0.1:${promoted}` },
    });
    // The job acknowledged before the kill survived on the replica that was promoted.
    expect(await queue.getJobCounts("waiting")).toMatchObject({ waiting: 2 });
    await queue.close();
  }, 60_000);
});
