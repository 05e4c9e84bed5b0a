import { createDb, type Db } from "@authdeck/core/db";
import { TENANT_LIMITS } from "@authdeck/core/profiles";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  type TestDatabase,
  uniqueQueuePrefix,
} from "@authdeck/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProfileFor,
  type Spawned,
  spawnWorker,
  testRedisUrl,
  testSealer,
  validSealingKeys,
  waitFor,
} from "../support.ts";

let database: TestDatabase;
let db: Db;
let worker: Spawned | undefined;

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: "tenant_expiry",
  });
  db = createDb({ databaseUrl: database.url, poolSize: 2 });
});

afterAll(async () => {
  worker?.child.kill("SIGKILL");
  await worker?.exited;
  await db.$disconnect();
  await database.drop();
});

describe("the worker", () => {
  it(`removes tenant tokens nobody asked for in ${TENANT_LIMITS.unusedDays} days, from its start`, async () => {
    const { profileId } = await createProfileFor(
      { db, sealer: testSealer() },
      { tokenRequestUrl: "https://idp.example.com/token" },
    );
    const profile = await db.authorizationProfile.findUniqueOrThrow({ where: { id: profileId } });
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000);
    await db.tokenState.createMany({
      data: [
        ["stale", daysAgo(TENANT_LIMITS.unusedDays + 1)],
        ["recent", daysAgo(TENANT_LIMITS.unusedDays - 1)],
      ].map(([tenant, lastUsedAt]) => ({
        teamId: profile.teamId,
        profileId,
        tenant: tenant as string,
        status: "fresh" as const,
        lastUsedAt: lastUsedAt as Date,
      })),
    });
    worker = spawnWorker("src/main.ts", {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      AUTHDECK_QUEUE_PREFIX: uniqueQueuePrefix("tenant-expiry"),
      AUTHDECK_SEALING_KEYS: validSealingKeys,
      LOG_LEVEL: "info",
    });
    await waitFor(async () => (await db.tokenState.count({ where: { profileId } })) === 1, 30_000);
    const left = await db.tokenState.findMany({ where: { profileId }, select: { tenant: true } });
    expect(left).toEqual([{ tenant: "recent" }]);
    await waitFor(() => worker!.output().includes("removed tenant tokens nobody asked for"));
    expect(worker.output()).toContain('"removed":1');
  });
});
