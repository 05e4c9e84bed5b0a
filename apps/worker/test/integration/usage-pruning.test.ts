// @module-tag resilience
import { USAGE_RETENTION_DAYS } from "@authdeck/core/api-keys";
import { createDb, type Db } from "@authdeck/core/db";
import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  type TestDatabase,
  uniqueQueuePrefix,
} from "@authdeck/test-support";
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
    label: "usage_pruning",
  });
  db = createDb({ databaseUrl: database.url, poolSize: 2 });
});

afterAll(async () => {
  worker?.child.kill("SIGKILL");
  await db.$disconnect();
  await database.drop();
});

describe("the worker", () => {
  it("deletes token API call counts older than the retention when it starts, and keeps the rest", async () => {
    const saved = await createProfileFor(
      { db, sealer: testSealer() },
      { tokenRequestUrl: "https://idp.example.com/token" },
    );
    const key = await db.apiKey.create({
      data: {
        teamId: saved.member.teamId,
        name: "Service",
        prefix: "adk_test",
        hash: "hash",
        appIds: [saved.appId],
      },
    });
    const DAY = 24 * 3_600_000;
    const minuteAgo = (days: number) =>
      new Date(Math.floor((Date.now() - days * DAY) / 60_000) * 60_000);
    const minutes = [USAGE_RETENTION_DAYS + 30, USAGE_RETENTION_DAYS + 1, 1, 0].map(minuteAgo);
    for (const minute of minutes) {
      await db.apiKeyUsage.create({
        data: { apiKeyId: key.id, profileId: saved.profileId, minute, calls: 7 },
      });
    }

    worker = spawnWorker("src/main.ts", {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      AUTHDECK_QUEUE_PREFIX: uniqueQueuePrefix("usage-pruning"),
      AUTHDECK_SEALING_KEYS: validSealingKeys,
      LOG_LEVEL: "info",
    });
    await waitFor(() => worker!.output().includes('"worker started"'));

    await waitFor(async () => (await db.apiKeyUsage.count()) === 2, 10_000);
    const kept = await db.apiKeyUsage.findMany({ orderBy: { minute: "asc" } });
    expect(kept.map((row) => row.minute)).toEqual(minutes.slice(2));
    // The line is written once the delete has committed, so it may trail the count by a moment.
    await waitFor(() => worker!.output().includes('"pruned token API call counts"'));
  });
});
