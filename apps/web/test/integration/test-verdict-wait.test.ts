// @module-tag redis-queue
import { randomUUID } from "node:crypto";
import { createRedis, runChannel, runTopic } from "@authdeck/core/queue";
import { testRedisTarget } from "@authdeck/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { readWhenDone } from "../../src/server/verdict-wait.ts";
import { type Server, startServer, teamWithApp } from "../support/harness.ts";

/**
 * Test's start call waits a moment for the verdict (limits.testVerdictWaitMs) and answers it
 * with the run id, so that a fast provider's verdict needs no live stream. No worker runs here:
 * the test writes the verdict to the run's row and publishes the run's event as a worker does.
 */

const server: Server = await startServer("test_verdict_wait");
const publisher = createRedis(testRedisTarget(), "producer");
const prefix = process.env.AUTHDECK_QUEUE_PREFIX ?? "";

afterAll(async () => {
  publisher.disconnect();
  await server.close();
});

async function freshProfile(name: string) {
  const { team, users, app, createProfile } = await teamWithApp(server, name);
  const profile = await createProfile({
    name: "Carrier API",
    identityProviderName: "IdP",
    tokenRequestUrl: "https://idp.example.com/token",
  });
  const editor = server.callerFor(users.editor);
  return { editor, ref: { teamId: team.id, appId: app.id, profileId: profile.id } };
}

/** Plays the worker for the next run of the profile: a verdict `afterMs` after it is queued. */
async function verdictAfter(profileId: string, afterMs: number) {
  for (;;) {
    const run = await server.db.testRun.findFirst({ where: { profileId, status: "queued" } });
    if (run) {
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      const now = new Date();
      await server.db.testRun.update({
        where: { id: run.id },
        data: { status: "succeeded", startedAt: now, finishedAt: now, responseStatus: 200 },
      });
      await publisher.publish(runChannel(prefix, run.id), JSON.stringify({ runId: run.id }));
      return run.id;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Subscribers of the run's channel: the wait must not leave its own behind. A Redis Cluster
 * answers PUBSUB NUMSUB for the node asked only, so every node is asked.
 */
async function subscribersOf(runId: string) {
  const nodes = "nodes" in publisher ? publisher.nodes("all") : [publisher];
  let total = 0;
  for (const node of nodes) {
    const [, count] = (await node.pubsub("NUMSUB", runChannel(prefix, runId))) as [string, number];
    total += Number(count);
  }
  return total;
}

/** Unsubscribing is sent after the answer: give it a moment. */
async function untilNoSubscriber(runId: string) {
  for (let i = 0; i < 50 && (await subscribersOf(runId)) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return subscribersOf(runId);
}

describe("testRun.start", () => {
  it("answers the verdict with the run id when it comes within the wait", async () => {
    const { editor, ref } = await freshProfile("Verdict in time");
    server.limits.testVerdictWaitMs = 5_000;
    try {
      const [started, verdictRunId] = await Promise.all([
        editor.testRun.start(ref),
        verdictAfter(ref.profileId, 200),
      ]);
      expect(started.runId).toBe(verdictRunId);
      expect(started.run).toMatchObject({
        id: verdictRunId,
        profileId: ref.profileId,
        status: "succeeded",
        responseStatus: 200,
      });
      expect(await untilNoSubscriber(started.runId)).toBe(0);
    } finally {
      server.limits.testVerdictWaitMs = 0;
    }
  });

  it("answers the run id alone when the verdict is later than the wait", async () => {
    const { editor, ref } = await freshProfile("Verdict late");
    server.limits.testVerdictWaitMs = 300;
    try {
      const started = await editor.testRun.start(ref);
      expect(started.run).toBeNull();
      const row = await server.db.testRun.findUniqueOrThrow({ where: { id: started.runId } });
      expect(row.status).toBe("queued");
      expect(await untilNoSubscriber(started.runId)).toBe(0);
    } finally {
      server.limits.testVerdictWaitMs = 0;
    }
  });
});

describe("readWhenDone", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("leaves no subscriber when an event comes during the read that sees the verdict", async () => {
    const runId = randomUUID();
    let reads = 0;
    let subscribedDuringRead = -1;
    const value = await readWhenDone(
      runTopic(prefix, runId),
      async () => {
        reads++;
        if (reads === 1) return "queued";
        // The wake-up generator moves on to its yield while this read is still out.
        subscribedDuringRead = await subscribersOf(runId);
        await publisher.publish(runChannel(prefix, runId), "{}");
        await sleep(150);
        return "succeeded";
      },
      (status) => status === "succeeded",
      5_000,
    );
    expect(value).toBe("succeeded");
    expect(subscribedDuringRead).toBe(1);
    expect(await untilNoSubscriber(runId)).toBe(0);
  });

  it("answers null, and leaves no subscriber, when a read fails", async () => {
    const runId = randomUUID();
    let reads = 0;
    const value = await readWhenDone(
      runTopic(prefix, runId),
      async () => {
        reads++;
        if (reads === 1) return "queued";
        throw new Error("the database went away");
      },
      (status) => status === "succeeded",
      5_000,
    );
    expect(value).toBeNull();
    expect(reads).toBe(2);
    expect(await untilNoSubscriber(runId)).toBe(0);
  });
});
