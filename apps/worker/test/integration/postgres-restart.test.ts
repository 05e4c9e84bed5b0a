// @module-tag resilience
// @module-tag slow-fault
import { startTest } from "@authdeck/core/test-runs";
import {
  type PrivatePostgres,
  type QueueFixture,
  startPrivatePostgres,
  startTokenServer,
  type TokenServer,
} from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkerKit, pressDeps, type WorkerKit, waitFor } from "../support.ts";

const TESTS = 100;
// Long enough for jobs in flight to exhaust their retries while the database is away.
const DOWN_MS = 5_000;

let postgres: PrivatePostgres;
let kit: WorkerKit;
let connection: QueueFixture;
let tokens: TokenServer;
const finals = new Map<string, string[]>();

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  kit = await openWorkerKit("pg_restart", { baseUrl: postgres.url });
  connection = kit.openQueue();
  await connection.onRunEvent((_channel, event) => {
    const { runId, status } = event as { runId: string; status: string };
    if (status !== "running") finals.set(runId, [...(finals.get(runId) ?? []), status]);
  });
  // Each answer takes a while, so the 100 tests are still being worked through at the restart.
  tokens = await startTokenServer({ delayMs: 400 });
});

afterAll(async () => {
  await kit?.close();
  await tokens?.close();
  await postgres?.close();
});

const finished = () =>
  kit.db.testRun.count({ where: { finishedAt: { not: null } } }).catch(() => -1);

describe("PostgreSQL restarted while 100 tests run", () => {
  it("brings every run to a final state once, and the worker keeps going", async () => {
    const { db } = kit;
    const { member, appId, profileId } = await kit.createProfile({
      tokenRequestUrl: tokens.urlFor("slow"),
    });
    const worker = kit.spawn(connection.prefix, { WORKER_CONCURRENCY: "10" });
    await waitFor(() => worker.output().includes('"worker started"'));
    const deps = pressDeps(db, connection);
    const runIds: string[] = [];
    for (let i = 0; i < TESTS; i++)
      runIds.push((await startTest(deps, member, { appId, profileId })).runId);

    await waitFor(async () => (await finished()) >= 20, 30_000);
    const restartedAt = Date.now();
    await postgres.restart(DOWN_MS);
    const downMs = Date.now() - restartedAt;
    const doneBefore = await finished();

    await waitFor(async () => (await finished()) === TESTS, 90_000);
    const allDoneMs = Date.now() - restartedAt;
    const runs = await db.testRun.findMany({ where: { profileId } });
    console.info(
      `restart took ${downMs} ms with ${doneBefore} of ${TESTS} done; all final ${allDoneMs} ms after it; ` +
        `${runs.filter((r) => r.status === "succeeded").length} succeeded, ` +
        `${tokens.requests.length} token requests`,
    );

    // One row per press, each final, each announced once: no verdict was written twice.
    expect(runs.map((run) => run.id).sort()).toEqual([...runIds].sort());
    for (const run of runs) expect(["succeeded", "failed"]).toContain(run.status);
    await waitFor(() => finals.size === TESTS, 10_000);
    for (const [runId, statuses] of finals) expect(statuses, runId).toHaveLength(1);
    expect(worker.child.exitCode).toBeNull();
  }, 180_000);
});
