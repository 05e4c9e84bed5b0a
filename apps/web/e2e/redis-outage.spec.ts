// @module-tag resilience
// @module-tag slow-fault
import { createDb } from "@authdeck/core/db";
import { LOST_AFTER_MS } from "@authdeck/core/test-runs";
import {
  type PrivateRedis,
  startPrivateRedis,
  startTokenServer,
  type TokenServer,
} from "@authdeck/test-support";
import { expect, request as requests, test } from "@playwright/test";
import { type Product, signUpByApi, startProduct, trpc } from "./support/private-product.ts";

// The product of this spec runs against a Redis of its own, which the spec kills for 10 s:
// once a Redis that keeps every write on disk, once one that comes back empty.
test.describe.configure({ timeout: 180_000 });

const OUTAGE_MS = 10_000;
const QUEUED = 5;

for (const [mode, persistent] of [
  ["with its append-only file", true],
  ["keeping nothing on disk", false],
] as const) {
  test.describe(mode, () => {
    let redis: PrivateRedis;
    let product: Product;
    let tokens: TokenServer;

    test.beforeAll(async () => {
      redis = await startPrivateRedis({ persistent });
      // One job at a time against a provider that takes a second: most tests are still waiting in
      // the queue when Redis goes away.
      product = await startProduct({
        label: "e2e_redis_outage",
        redisUrl: redis.url,
        env: { WORKER_CONCURRENCY: "1" },
      });
      tokens = await startTokenServer({ delayMs: 1_000 });
    });

    test.afterAll(async () => {
      await product?.stop();
      await redis?.close();
      await tokens?.close();
    });

    test(`Redis down for 10 s, ${mode}: the web answers at once, the worker resumes, nothing queued is lost`, async () => {
      const { baseURL } = product;
      const api = await requests.newContext();
      await signUpByApi(api, baseURL, "outage");
      const team = await trpc(api, baseURL, "team.create", { name: "Outage team" });
      const teamId = team.data.id as string;
      const app = await trpc(api, baseURL, "app.create", { teamId, name: "Outage app" });
      const appId = app.data.id as string;
      const profile = await trpc(api, baseURL, "profile.create", {
        teamId,
        appId,
        profile: {
          name: "Slow provider",
          identityProviderName: "Recording server",
          clientId: "outage-client",
          clientSecret: "outage-secret",
          tokenRequestUrl: tokens.urlFor("slow"),
        },
      });
      const ref = { teamId, appId, profileId: profile.data.id as string };
      const queued: string[] = [];
      for (let i = 0; i < QUEUED; i++) {
        const started = await trpc(api, baseURL, "testRun.start", ref);
        expect(started.status, JSON.stringify(started.body)).toBe(200);
        queued.push(started.data.runId);
      }

      await redis.kill();
      const db = createDb({ databaseUrl: product.databaseUrl, poolSize: 2 });
      try {
        const statusesAtKill = await db.testRun.findMany({ where: { id: { in: queued } } });
        const waitingAtKill = statusesAtKill.filter((run) => run.status === "queued").length;
        const runsBefore = await db.testRun.count();
        const outageEnds = Date.now() + OUTAGE_MS;
        const answerTimes: number[] = [];
        while (Date.now() < outageEnds - 1_500) {
          const pressed = Date.now();
          const refused = await trpc(api, baseURL, "testRun.start", ref);
          answerTimes.push(Date.now() - pressed);
          expect(refused.status).toBe(503);
          expect(refused.body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
          expect(refused.body.error.json.message).toBe(
            "The queue is unavailable right now; nothing was queued. Try again in a moment.",
          );
          // The rest of the app keeps serving: pages, reads, and a Status page that says so.
          expect((await api.get(`${baseURL}/status`)).status()).toBe(200);
          const health = await trpc(api, baseURL, "health.status", undefined, "query");
          expect(health.data).toMatchObject({ postgres: { ok: true }, redis: { ok: false } });
          const list = await trpc(api, baseURL, "testRun.list", ref, "query");
          expect(list.status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        // A refused press leaves no run behind.
        expect(await db.testRun.count()).toBe(runsBefore);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageEnds - Date.now())));
        await redis.start();
        const restartedAt = Date.now();

        await expect
          .poll(
            async () =>
              (await db.testRun.findMany({ where: { id: { in: queued } } })).filter(
                (run) => run.status === "succeeded",
              ).length,
            // Jobs Redis forgot come back through the worker's sweep for lost tests.
            { timeout: persistent ? 30_000 : LOST_AFTER_MS + 30_000, intervals: [250] },
          )
          .toBe(QUEUED);
        const resumedMs = Date.now() - restartedAt;
        const again = await trpc(api, baseURL, "testRun.start", ref);
        expect(again.status).toBe(200);
        console.info(
          `${mode}: ${waitingAtKill} of ${QUEUED} tests still queued at the kill; ${answerTimes.length} presses ` +
            `refused in at most ${Math.max(...answerTimes)} ms; all ${QUEUED} succeeded ` +
            `${resumedMs} ms after Redis came back`,
        );
        expect(waitingAtKill).toBeGreaterThan(0);
        expect(Math.max(...answerTimes)).toBeLessThanOrEqual(1_500);
        expect(product.running()).toBe(true);
      } finally {
        await db.$disconnect();
        await api.dispose();
      }
    });
  });
}
