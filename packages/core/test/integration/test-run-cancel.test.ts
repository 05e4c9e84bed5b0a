import { describe, expect, it } from "vitest";
import { CANCELLED_MESSAGE, cancelTest } from "../../src/test-runs/index.ts";
import {
  QUICK_LIMITS,
  queueRun,
  recorderProfile,
  runQueued,
  saveProfile,
  useTokenRunKit,
} from "../token-runs.ts";

const kit = useTokenRunKit("cancel");
const profile = recorderProfile("Hanging", "cancel-secret");

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`not reached: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a test of a hanging provider", () => {
  it("records each attempt as it goes: which one, why the last failed, when the next starts", async () => {
    const server = await kit.serve();
    const saved = await saveProfile(kit, profile(server.urlFor("hang")));
    const runId = await queueRun(kit, saved);
    // Room for a second attempt even when a busy machine fires the first deadline late.
    const limits = { ...QUICK_LIMITS, headersMs: 10_000, totalMs: 2_000 };
    const seen: Array<{ httpAttempts: number; attemptError: string | null; retrying: boolean }> =
      [];
    const running = runQueued(kit, runId, {
      egressAllow: ["127.0.0.0/8"],
      limits,
      sleep: async (ms) => {
        const row = await kit.db.testRun.findUniqueOrThrow({ where: { id: runId } });
        seen.push({
          httpAttempts: row.httpAttempts,
          attemptError: row.attemptError,
          retrying: row.retryAt !== null && row.retryAt.getTime() > Date.now() + ms / 2,
        });
      },
    });
    const { run, events } = await running;

    expect(seen).toEqual([
      {
        httpAttempts: 2,
        attemptError: expect.stringMatching(/^timed out after [23] s$/),
        retrying: true,
      },
    ]);
    expect(run).toMatchObject({ status: "failed", httpAttempts: 2, retryAt: null });
    // Announced as it moved: running, the retry's wait, its start, the verdict.
    expect(events.map((e) => e.status)).toEqual(["running", "running", "running", "failed"]);
  });

  it("ends within a second of Cancel, with a cancelled verdict, and stores no token", async () => {
    const server = await kit.serve();
    const saved = await saveProfile(kit, profile(server.urlFor("hang")));
    const runId = await queueRun(kit, saved);
    const limits = { ...QUICK_LIMITS, headersMs: 30_000, totalMs: 20_000 };
    const running = runQueued(kit, runId, { egressAllow: ["127.0.0.0/8"], limits });
    await until(
      () => kit.db.testRun.findUniqueOrThrow({ where: { id: runId } }),
      (row) => row.status === "running" && server.requests.length === 1,
    );

    const deps = {
      db: kit.db,
      now: () => new Date(),
      redis: kit.redis,
      queuePrefix: kit.queuePrefix,
    };
    const cancelledAt = Date.now();
    const answer = await cancelTest(deps, saved.member, { appId: saved.appId, runId });
    expect(answer).toMatchObject({ status: "cancelled", errorClass: "cancelled" });
    const { result, run } = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    expect(result).toEqual({ status: "cancelled" });
    expect(run).toMatchObject({
      status: "cancelled",
      errorClass: "cancelled",
      errorMessage: CANCELLED_MESSAGE,
    });
    expect(run.finishedAt).not.toBeNull();
    expect(await kit.db.tokenState.count({ where: { profileId: saved.profileId } })).toBe(0);

    // A verdict stands: cancelling again changes nothing.
    const again = await cancelTest(deps, saved.member, { appId: saved.appId, runId });
    expect(again.finishedAt).toEqual(run.finishedAt);
  });

  it("refuses a viewer and a run of another team's app", async () => {
    const server = await kit.serve();
    const saved = await saveProfile(kit, profile(server.urlFor("ok")));
    const runId = await queueRun(kit, saved);
    const deps = {
      db: kit.db,
      now: () => new Date(),
      redis: kit.redis,
      queuePrefix: kit.queuePrefix,
    };
    const other = await saveProfile(kit, profile(server.urlFor("ok")));
    await expect(
      cancelTest(deps, other.member, { appId: saved.appId, runId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      cancelTest(deps, { ...saved.member, role: "viewer" }, { appId: saved.appId, runId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const row = await kit.db.testRun.findUniqueOrThrow({ where: { id: runId } });
    expect(row.status).toBe("queued");
  });

  it("leaves background refreshes alone: only a Test can be cancelled", async () => {
    const server = await kit.serve();
    const saved = await saveProfile(kit, profile(server.urlFor("ok")));
    const deps = {
      db: kit.db,
      now: () => new Date(),
      redis: kit.redis,
      queuePrefix: kit.queuePrefix,
    };
    for (const trigger of ["refresh", "api"] as const) {
      const refresh = await kit.db.testRun.create({
        data: {
          teamId: saved.member.teamId,
          profileId: saved.profileId,
          trigger,
          status: "running",
        },
      });
      await expect(
        cancelTest(deps, saved.member, { appId: saved.appId, runId: refresh.id }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      const row = await kit.db.testRun.findUniqueOrThrow({ where: { id: refresh.id } });
      expect(row.status).toBe("running");
    }
  });
});
