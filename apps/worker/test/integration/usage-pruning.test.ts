// @module-tag resilience
import { USAGE_RETENTION_DAYS } from "@authdeck/core/api-keys";
import type { Db } from "@authdeck/core/db";
import { type DatabaseFixture, openTestDb, uniqueQueuePrefix } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProfileFor,
  type Spawned,
  spawnMainWorker,
  testSealer,
  waitFor,
} from "../support.ts";

let database: DatabaseFixture;
let db: Db;
let worker: Spawned | undefined;

beforeAll(async () => {
  database = await openTestDb("usage_pruning", { poolSize: 2 });
  db = database.db;
});

afterAll(async () => {
  worker?.child.kill("SIGKILL");
  await database?.close();
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

    worker = spawnMainWorker(database.url, uniqueQueuePrefix("usage-pruning"));
    await waitFor(() => worker!.output().includes('"worker started"'));

    await waitFor(async () => (await db.apiKeyUsage.count()) === 2, 10_000);
    const kept = await db.apiKeyUsage.findMany({ orderBy: { minute: "asc" } });
    expect(kept.map((row) => row.minute)).toEqual(minutes.slice(2));
    // The line is written once the delete has committed, so it may trail the count by a moment.
    await waitFor(() => worker!.output().includes('"pruned token API call counts"'));
  });
});
