// @module-tag resilience
// @module-tag redis-queue
import { createLogger } from "@authdeck/core/logging";
import { bullPrefix, createRedis, JOBS, QUEUES } from "@authdeck/core/queue";
import { uniqueQueuePrefix } from "@authdeck/test-support";
import { Queue, QueueEvents } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "../../src/registry.ts";
import { type RunningWorker, startWorker } from "../../src/worker.ts";
import { testRedis, waitFor } from "../support.ts";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setUp(registry: Parameters<typeof startWorker>[0]["registry"]) {
  const prefix = uniqueQueuePrefix("worker");
  const connection = createRedis(testRedis, "worker");
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({
    name: "test",
    level: "info",
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  const worker: RunningWorker = startWorker({
    connection,
    prefix,
    registry,
    concurrency: 2,
    log,
    workerId: "test-worker",
  });
  const queueConnection = createRedis(testRedis, "worker");
  const queue = new Queue(QUEUES.tokens, {
    connection: queueConnection,
    prefix: bullPrefix(queueConnection, prefix),
  });
  const eventsConnection = createRedis(testRedis, "worker");
  const events = new QueueEvents(QUEUES.tokens, {
    connection: eventsConnection,
    prefix: bullPrefix(eventsConnection, prefix),
  });
  cleanups.push(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await Promise.all([queue.close(), events.close()]);
    await connection.quit();
  });
  return { queue, events, lines };
}

describe("the worker", () => {
  it("drops a job with an unknown name without retrying it and goes on with the next", async () => {
    const handled: string[] = [];
    const { queue, lines } = setUp({
      [JOBS.tokenTest]: defineJob({
        schema: z.object({ runId: z.string() }),
        handle: async ({ runId }) => {
          handled.push(runId);
        },
      }),
    });
    const unknown = await queue.add("token.teleport", { runId: "x" }, { attempts: 3 });
    const known = await queue.add(JOBS.tokenTest, { runId: "run-1" });

    await waitFor(async () => (await queue.getJobState(unknown.id!)) === "failed");
    await waitFor(async () => (await queue.getJobState(known.id!)) === "completed");

    const dropped = await queue.getJob(unknown.id!);
    expect(dropped?.attemptsMade).toBe(1);
    expect(dropped?.failedReason).toBe('unknown job name "token.teleport"');
    expect(handled).toEqual(["run-1"]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: "dropping job with unknown name",
        jobName: "token.teleport",
      }),
    );
  });

  it("drops a job whose payload fails its schema", async () => {
    const { queue, lines } = setUp({
      [JOBS.tokenTest]: defineJob({
        schema: z.object({ runId: z.uuid() }),
        handle: async () => {},
      }),
    });
    const job = await queue.add(JOBS.tokenTest, { runId: "not-a-uuid" }, { attempts: 3 });
    await waitFor(async () => (await queue.getJobState(job.id!)) === "failed");
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "dropping job with invalid payload" }),
    );
  });

  it("does not treat inherited object keys as job names", async () => {
    const { queue } = setUp({});
    const job = await queue.add("constructor", {});
    await waitFor(async () => (await queue.getJobState(job.id!)) === "failed");
    expect((await queue.getJob(job.id!))?.failedReason).toBe('unknown job name "constructor"');
  });
});
