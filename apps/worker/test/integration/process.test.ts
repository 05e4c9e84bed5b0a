// @module-tag resilience
// @module-tag redis-queue
import { spawn } from "node:child_process";
import { bullPrefix, createRedis, QUEUES } from "@authdeck/core/queue";
import { testRedisEnv, uniqueQueuePrefix } from "@authdeck/test-support";
import { Queue } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { spawnWorker, testRedis, validSealingKeys, waitFor } from "../support.ts";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("the worker process", () => {
  it("finishes the running job before it exits on SIGTERM", async () => {
    const prefix = uniqueQueuePrefix("shutdown");
    const connection = createRedis(testRedis, "worker");
    // The worker's own prefix for its queue: a hash tag on a Cluster (AUTHDECK_TEST_REDIS=cluster).
    const queue = new Queue(QUEUES.tokens, { connection, prefix: bullPrefix(connection, prefix) });
    cleanups.push(async () => {
      await queue.obliterate({ force: true });
      await queue.close();
    });
    const worker = spawnWorker("test/fixtures/slow-worker.ts", {
      ...testRedisEnv(),
      AUTHDECK_QUEUE_PREFIX: prefix,
      AUTHDECK_SEALING_KEYS: validSealingKeys,
    });
    cleanups.push(async () => worker.child.kill("SIGKILL"));
    await waitFor(() => worker.output().includes('"worker started"'));

    const job = await queue.add("test.slow", { ms: 2_000 });
    await waitFor(async () => (await queue.getJobState(job.id!)) === "active");
    const stoppedAt = Date.now();
    worker.child.kill("SIGTERM");

    const { code, at } = await worker.exited;
    expect(code).toBe(0);
    expect(at - stoppedAt).toBeLessThan(30_000);
    const finished = await queue.getJob(job.id!);
    expect(await finished?.getState()).toBe("completed");
    expect(finished?.returnvalue.finishedAt).toBeLessThanOrEqual(at);
    expect(worker.output()).toContain("finishing running jobs before exit");
    expect(worker.output()).toContain('"worker stopped"');
  });

  it.each([
    [
      "AUTHDECK_SEALING_KEYS",
      { AUTHDECK_SEALING_KEYS: `k1:${Buffer.alloc(24).toString("base64")}` },
      'AUTHDECK_SEALING_KEYS: key "k1" is 24 bytes',
    ],
    ["AUTHDECK_SEALING_KEYS", {}, "AUTHDECK_SEALING_KEYS: is required"],
    [
      "DATABASE_URL",
      { AUTHDECK_SEALING_KEYS: validSealingKeys, DATABASE_URL: "localhost/authdeck" },
      "DATABASE_URL: must be a postgresql:// URL",
    ],
    [
      "REDIS_URL",
      { AUTHDECK_SEALING_KEYS: validSealingKeys, REDIS_URL: "127.0.0.1:6379" },
      "REDIS_URL: must be a redis://",
    ],
  ])("refuses to start with a bad %s and says which", async (_name, env, message) => {
    const worker = spawnWorker("src/main.ts", env);
    const { code } = await worker.exited;
    expect(code).toBe(1);
    expect(worker.output()).toContain("Authdeck worker cannot start.");
    expect(worker.output()).toContain(message);
  });

  it.each([
    ["AUTHDECK_EGRESS_ALLOW", "0.0.0.0/0", "AUTHDECK_EGRESS_ALLOW: entry 1 is a catch-all"],
    [
      "AUTHDECK_EGRESS_TEAM_MAY_ALLOW",
      "10.20.0.0/16,::/0",
      "AUTHDECK_EGRESS_TEAM_MAY_ALLOW: entry 2 is a catch-all",
    ],
  ])(
    "refuses to start when %s opens everything, naming the entry but not its value",
    async (name, value, message) => {
      const worker = spawnWorker("src/main.ts", {
        AUTHDECK_SEALING_KEYS: validSealingKeys,
        ...testRedisEnv(),
        AUTHDECK_QUEUE_PREFIX: uniqueQueuePrefix("egress_env"),
        [name]: value,
      });
      cleanups.push(async () => worker.child.kill("SIGKILL"));
      const { code } = await worker.exited;
      expect(code).toBe(1);
      expect(worker.output()).toContain("Authdeck worker cannot start.");
      expect(worker.output()).toContain(message);
      for (const rule of value.split(",")) expect(worker.output()).not.toContain(rule);
    },
    30_000,
  );

  it("refuses to start on a Redis that may evict keys", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const redis = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--maxmemory-policy",
        "allkeys-lru",
      ],
      { stdio: "ignore" },
    );
    cleanups.push(async () => redis.kill("SIGTERM"));
    const probe = createRedis(`redis://127.0.0.1:${port}`, "worker");
    probe.on("error", () => {});
    await waitFor(async () => (await probe.ping().catch(() => "")) === "PONG");
    probe.disconnect();

    const worker = spawnWorker("src/main.ts", {
      AUTHDECK_SEALING_KEYS: validSealingKeys,
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    const { code } = await worker.exited;
    expect(code).toBe(1);
    expect(worker.output()).toContain(
      'Redis maxmemory-policy is "allkeys-lru"; BullMQ needs "noeviction"',
    );
  });
});
