// @module-tag resilience
// @module-tag redis-queue
import { describe, expect, it } from "vitest";
import { createRedis, createTokenQueue } from "../../src/queue/index.ts";
import { resolveMember } from "../../src/teams/index.ts";
import { startTest, type TestDeps } from "../../src/test-runs/index.ts";
import { appErrorOf } from "../fixtures.ts";
import { queuingDeps, saveProfile, useTokenRunKit } from "../token-runs.ts";

const kit = useTokenRunKit("start_test");

const deps = (limits: TestDeps["limits"]) => queuingDeps(kit, limits);
const plain = {
  name: "Plain",
  identityProviderName: "IdP",
  tokenRequestUrl: "https://idp.example.com/token",
};

describe("starting a test", () => {
  it("makes one queued run and one job, whose id is the run's", async () => {
    const saved = await saveProfile(kit, plain);
    const { runId } = await startTest(
      deps({ perUserPerMinute: 10, perTeamPerMinute: 10 }),
      saved.member,
      saved,
    );
    expect(await kit.db.testRun.findUnique({ where: { id: runId } })).toMatchObject({
      status: "queued",
      trigger: "test",
    });
    const job = await kit.queue.getJob(runId);
    expect(job?.data).toEqual({ runId, teamId: saved.teamId });
  });

  it("limits tests per person, and says when to try again", async () => {
    const saved = await saveProfile(kit, plain);
    const limited = deps({ perUserPerMinute: 2, perTeamPerMinute: 100 });
    await startTest(limited, saved.member, saved);
    await startTest(limited, saved.member, saved);
    const before = await kit.db.testRun.count({ where: { profileId: saved.profileId } });
    const error = await appErrorOf(startTest(limited, saved.member, saved));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(
      /^Too many tests by you: at most 2 a minute\. Try again in \d+ s\.$/,
    );
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(await kit.db.testRun.count({ where: { profileId: saved.profileId } })).toBe(before);
  });

  it("limits tests per team, whoever presses Test", async () => {
    const saved = await saveProfile(kit, plain);
    const admin = await kit.db.membership.findFirstOrThrow({
      where: { teamId: saved.teamId, role: "admin" },
    });
    const other = await resolveMember(kit.db, admin.userId, saved.teamId);
    const limited = deps({ perUserPerMinute: 100, perTeamPerMinute: 2 });
    await startTest(limited, saved.member, saved);
    await startTest(limited, other, saved);
    const error = await appErrorOf(startTest(limited, other, saved));
    expect(error.message).toContain("Too many tests in this team");
  });

  it("asks for the tenant of a profile with tenancy, and refuses one for a profile without", async () => {
    const tenancy = await saveProfile(kit, {
      ...plain,
      tenancyEnabled: true,
      tokenRequestUrl: "https://idp.example.com/{tenant}/token",
    });
    const open = deps({ perUserPerMinute: 100, perTeamPerMinute: 100 });
    expect(
      (await appErrorOf(startTest(open, tenancy.member, tenancy))).details.fieldErrors,
    ).toEqual({
      tenant: "Enter the tenant to test with",
    });
    expect(
      (await appErrorOf(startTest(open, tenancy.member, { ...tenancy, tenant: "a/b" }))).code,
    ).toBe("INVALID");
    const { runId } = await startTest(open, tenancy.member, { ...tenancy, tenant: "acme" });
    expect((await kit.db.testRun.findUniqueOrThrow({ where: { id: runId } })).tenant).toBe("acme");

    const saved = await saveProfile(kit, plain);
    expect(
      (await appErrorOf(startTest(open, saved.member, { ...saved, tenant: "acme" }))).details
        .fieldErrors,
    ).toEqual({
      tenant: "This profile has no tenancy",
    });
  });

  it("answers 'queue unavailable' at once when Redis is down, and leaves no run behind", async () => {
    const saved = await saveProfile(kit, plain);
    const dead = createRedis("redis://127.0.0.1:1", "producer");
    dead.on("error", () => {});
    const deadQueue = createTokenQueue(dead, kit.queuePrefix);
    deadQueue.on("error", () => {});
    const started = Date.now();
    const error = await appErrorOf(
      startTest(
        {
          ...deps({ perUserPerMinute: 100, perTeamPerMinute: 100 }),
          redis: dead,
          queue: createTokenQueue(dead, kit.queuePrefix),
        },
        saved.member,
        saved,
      ),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain("The queue is unavailable right now");
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await kit.db.testRun.count({ where: { profileId: saved.profileId } })).toBe(0);
    await deadQueue.close().catch(() => {});
    dead.disconnect();
  });

  it("lets viewers read but not test", async () => {
    const saved = await saveProfile(kit, plain);
    const viewer = await kit.db.membership.findFirstOrThrow({
      where: { teamId: saved.teamId, role: "viewer" },
    });
    const member = await resolveMember(kit.db, viewer.userId, saved.teamId);
    expect(
      (
        await appErrorOf(
          startTest(deps({ perUserPerMinute: 9, perTeamPerMinute: 9 }), member, saved),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});
