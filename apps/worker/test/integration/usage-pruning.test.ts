// @module-tag resilience
// @module-tag redis-queue
import { USAGE_RETENTION_DAYS } from "@authdeck/core/api-keys";
import { uniqueQueuePrefix } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkerKit, type WorkerKit, waitFor } from "../support.ts";

let kit: WorkerKit;

beforeAll(async () => {
  kit = await openWorkerKit("usage_pruning", { poolSize: 2 });
});

afterAll(async () => kit?.close());

describe("the worker", () => {
  it("deletes token API call counts older than the retention when it starts, and keeps the rest", async () => {
    const { db } = kit;
    const saved = await kit.createProfile({ tokenRequestUrl: "https://idp.example.com/token" });
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

    const worker = kit.spawn(uniqueQueuePrefix("usage-pruning"));
    await waitFor(() => worker.output().includes('"worker started"'));

    await waitFor(async () => (await db.apiKeyUsage.count()) === 2, 10_000);
    const kept = await db.apiKeyUsage.findMany({ orderBy: { minute: "asc" } });
    expect(kept.map((row) => row.minute)).toEqual(minutes.slice(2));
    // The line is written once the delete has committed, so it may trail the count by a moment.
    await waitFor(() => worker.output().includes('"pruned token API call counts"'));
  });
});
