// @module-tag resilience
// @module-tag slow-fault
import { runChannel } from "@authdeck/core/queue";
import { startTest } from "@authdeck/core/test-runs";
import { type QueueFixture, startTokenServer, type TokenServer } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkerKit, pressDeps, type WorkerKit, waitFor } from "../support.ts";

// The provider takes this long, so the kill lands while the token request is in flight.
const PROVIDER_DELAY_MS = 3_000;

let kit: WorkerKit;
// One prefix for both workers: the second picks up the job the first was killed in.
let connection: QueueFixture;
let tokens: TokenServer;
const events: Array<{ channel: string; status: string }> = [];

beforeAll(async () => {
  kit = await openWorkerKit("crash");
  connection = kit.openQueue();
  await connection.onRunEvent((channel, event) =>
    events.push({ channel, status: String(event.status) }),
  );
  tokens = await startTokenServer({ delayMs: PROVIDER_DELAY_MS });
});

afterAll(async () => {
  await kit?.close();
  await tokens?.close();
});

describe("a worker killed with SIGKILL in the middle of a test", () => {
  it("has the test re-run by the next worker within 15 s, its result written once", async () => {
    const { db } = kit;
    const { queue, prefix } = connection;
    const { member, appId, profileId } = await kit.createProfile({
      tokenRequestUrl: tokens.urlFor("slow"),
    });
    const first = kit.spawn(prefix);
    // Starting a worker with tsx took over 15 s once on a loaded CI machine: not what is timed.
    await waitFor(() => first.output().includes('"worker started"'), 30_000);
    const { runId } = await startTest(pressDeps(db, connection), member, { appId, profileId });
    await waitFor(() => tokens.requests.length === 1);
    first.child.kill("SIGKILL");
    const { at: killedAt } = await first.exited;
    expect((await db.testRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("running");

    kit.spawn(prefix);
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
