// @module-tag resilience
// @module-tag slow-fault
import type { Db } from "@authdeck/core/db";
import { JOBS, type TokenQueue } from "@authdeck/core/queue";
import { LOST_AFTER_MS } from "@authdeck/core/test-runs";
import { startTokenServer, type TokenServer } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkerKit, type Spawned, type WorkerKit, waitFor } from "../support.ts";

let kit: WorkerKit;
let db: Db;
let queue: TokenQueue;
let tokens: TokenServer;
let worker: Spawned;

beforeAll(async () => {
  kit = await openWorkerKit("lost_runs");
  db = kit.db;
  tokens = await startTokenServer();
  ({ queue, worker } = await kit.startWorker());
});

afterAll(async () => {
  await kit?.stopWorkers();
  await tokens?.close();
  await kit?.close();
});

/** A run as startTest leaves it, pressed long enough ago for its job to count as lost. */
async function pressedEarlier(status: "queued" | "running") {
  const { member, profileId } = await kit.createProfile({ tokenRequestUrl: tokens.urlFor("ok") });
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
    const { member, profileId } = await kit.createProfile({ tokenRequestUrl: tokens.urlFor("ok") });
    const fresh = await db.testRun.create({
      data: { teamId: member.teamId, profileId, status: "queued", trigger: "test" },
    });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect((await runOf(fresh.id)).status).toBe("queued");
    expect(await queue.getJobState(fresh.id)).toBe("unknown");
  });
});
