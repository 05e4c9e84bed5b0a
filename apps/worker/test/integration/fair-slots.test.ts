// @module-tag resilience
import { startTokenServer, type TokenServer } from "@authdeck/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openWorkerKit, type WorkerKit, waitFor } from "../support.ts";

let kit: WorkerKit;
let tokens: TokenServer;

beforeAll(async () => {
  kit = await openWorkerKit("fair_slots");
  // One byte a second: the whole answer takes over a minute.
  tokens = await startTokenServer({ dripMs: 1_000 });
});
afterEach(async () => kit.stopWorkers());
afterAll(async () => {
  await tokens?.close();
  await kit?.close();
});

const finished = (runId: string) =>
  kit.db.testRun.findFirst({ where: { id: runId, status: { in: ["succeeded", "failed"] } } });

const inFlight = (behaviour: string, since: number) =>
  tokens.requests.filter((r) => r.url.startsWith(`/${behaviour}/`) && r.receivedAt >= since);

/** Presses a test of another team's profile: its verdict must be a pass within 5 s of the press. */
async function passesPromptly<P>(press: (profile: P) => Promise<string>, other: P, waitMs: number) {
  const runId = await press(other);
  await waitFor(async () => (await finished(runId)) !== null, waitMs);
  const run = (await finished(runId))!;
  const delayMs = run.finishedAt!.getTime() - run.queuedAt.getTime();
  console.log(`the other team's test finished ${delayMs} ms after it was pressed`);
  expect(run.status).toBe("succeeded");
  expect(delayMs).toBeLessThan(5_000);
}

describe("worker slots shared between teams", () => {
  it("a team's test is not held up by 26 throwaway teams whose providers drip their answers", async () => {
    const { press } = await kit.startWorker();
    const dripping = [];
    for (let i = 0; i < 26; i++)
      dripping.push(await kit.createProfile({ tokenRequestUrl: tokens.urlFor("drip") }));
    const other = await kit.createProfile({ tokenRequestUrl: tokens.urlFor("ok") });
    const since = Date.now();

    // All at once: every slot of the worker (25 by default) is taken by a drip in one go.
    const drips = await Promise.all(dripping.map(press));
    await waitFor(() => inFlight("drip", since).length >= 25, 20_000);
    await passesPromptly(press, other, 120_000);

    // The drips themselves end at the deadline of their one attempt.
    await waitFor(async () => (await Promise.all(drips.map(finished))).every(Boolean), 60_000);
    const verdicts = await kit.db.testRun.findMany({ where: { id: { in: drips } } });
    for (const verdict of verdicts) {
      expect(verdict).toMatchObject({ status: "failed", errorClass: "timeout", httpAttempts: 1 });
      expect(verdict.errorMessage).toContain("the deadline for one attempt");
    }
    const longest = Math.max(...verdicts.map((v) => v.finishedAt!.getTime() - since));
    console.log(`the last drip ended ${longest} ms after the first press`);
  }, 150_000);

  it("a team whose provider drips holds at most its share of a worker's slots", async () => {
    // Five slots: a team's share is one, and twice five jobs may wait on slow providers.
    const { press } = await kit.startWorker({ WORKER_CONCURRENCY: "5" });
    const slow = await kit.createProfile({ tokenRequestUrl: tokens.urlFor("drip") });
    const other = await kit.createProfile({ tokenRequestUrl: tokens.urlFor("ok") });
    const since = Date.now();

    await Promise.all(Array.from({ length: 20 }, () => press(slow)));
    await waitFor(() => inFlight("drip", since).length >= 5, 20_000);
    await passesPromptly(press, other, 60_000);
    // Once its first jobs were seen waiting, none of the team's others started.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(inFlight("drip", since)).toHaveLength(5);
  }, 90_000);
});
