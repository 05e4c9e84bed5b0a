// @module-tag resilience
import type { Db } from "@authdeck/core/db";
import { runChannel, type TokenQueue } from "@authdeck/core/queue";
import { startTest } from "@authdeck/core/test-runs";
import {
  type DatabaseFixture,
  openTestDb,
  openTestQueue,
  type QueueFixture,
  startTokenServer,
  type TokenServer,
} from "@authdeck/test-support";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProfileFor,
  type Spawned,
  spawnMainWorker,
  testSealer,
  waitFor,
} from "../support.ts";

// The provider takes this long, so the kill lands while the token request is in flight.
const PROVIDER_DELAY_MS = 3_000;

let database: DatabaseFixture;
let db: Db;
let connection: QueueFixture;
let producer: Redis;
let queue: TokenQueue;
let prefix: string;
let tokens: TokenServer;
const workers: Spawned[] = [];
const events: Array<{ channel: string; status: string }> = [];

beforeAll(async () => {
  database = await openTestDb("crash");
  db = database.db;
  connection = openTestQueue("crash");
  ({ redis: producer, queue, prefix } = connection);
  await connection.onRunEvent((channel, event) =>
    events.push({ channel, status: String(event.status) }),
  );
  tokens = await startTokenServer({ delayMs: PROVIDER_DELAY_MS });
});

afterAll(async () => {
  for (const worker of workers) worker.child.kill("SIGKILL");
  await connection?.close();
  await tokens?.close();
  await database?.close();
});

function startWorkerProcess() {
  const worker = spawnMainWorker(database.url, prefix);
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
    expect(run).toMatchObject({ status: "succeeded", responseStatus: 200, httpAttempts: 1 });
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
