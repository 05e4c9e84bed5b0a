// @module-tag resilience
// @module-tag redis-queue
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@authdeck/core/db";
import { createChannel, sendTestEvent } from "@authdeck/core/notifications";
import {
  freePort,
  labelValues,
  type OidcTestProvider,
  sampleValue,
  scrapeMetrics,
  startOidcProvider,
  startTokenServer,
  type TokenServer,
} from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkerKit, type WorkerKit, waitFor } from "../support.ts";

const METRICS_TOKEN = "metrics-token-for-the-worker-test";
const SECRET = "metrics-client-secret-5b1e";

let kit: WorkerKit;
let db: Db;
let oidc: OidcTestProvider;
let tokens: TokenServer;
let metricsUrl: string;
let press: Awaited<ReturnType<WorkerKit["startWorker"]>>["press"];
let receiver: Server;
// What the webhook receiver answers: the test turns it from 200 to 500.
let receiverStatus = 200;

beforeAll(async () => {
  kit = await openWorkerKit("worker_metrics");
  db = kit.db;
  oidc = await startOidcProvider({
    clients: [
      { clientId: "metrics-client", clientSecret: SECRET, authMethod: "client_secret_basic" },
    ],
  });
  tokens = await startTokenServer();
  receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(receiverStatus).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
  ({ press } = await kit.startWorker({
    WORKER_METRICS_PORT: String(port),
    METRICS_TOKEN,
  }));
});

afterAll(async () => {
  await kit?.close();
  await oidc?.close();
  await tokens?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

const verdicts = async (runIds: string[]) => {
  await waitFor(async () => {
    const done = await db.testRun.count({
      where: { id: { in: runIds }, status: { in: ["succeeded", "failed"] } },
    });
    return done === runIds.length;
  }, 30_000);
  return db.testRun.findMany({ where: { id: { in: runIds } } });
};

const scrape = async () => {
  const { status, families } = await scrapeMetrics(metricsUrl, METRICS_TOKEN);
  expect(status).toBe(200);
  return families;
};

describe("the worker's metrics", () => {
  it("count each token request by provider host and outcome, and refuse a scrape without the token", async () => {
    const good = await kit.createProfile({
      tokenRequestUrl: `${oidc.url}/token`,
      clientId: "metrics-client",
      clientSecret: SECRET,
    });
    const wrongSecret = await kit.createProfile({
      tokenRequestUrl: `${oidc.url}/token`,
      clientId: "metrics-client",
      clientSecret: "not-the-secret",
    });
    // The path says who the caller is: it must not reach a label.
    const broken = await kit.createProfile({
      tokenRequestUrl: tokens.urlFor("echo", "/tenant-acme/token?key=hidden"),
    });
    const oidcHost = new URL(oidc.url).host;
    const tokensHost = `127.0.0.1:${tokens.port}`;

    const before = await scrape();
    const count = (families: typeof before, host: string, outcome: string) =>
      sampleValue(families, "authdeck_token_requests_total", { host, outcome });

    const runs = [
      ...(await Promise.all([press(good), press(good), press(good)])),
      ...(await Promise.all([press(wrongSecret), press(wrongSecret)])),
      await press(broken),
    ];
    const finished = await verdicts(runs);
    const errorOf = (profileId: string) =>
      new Set(finished.filter((r) => r.profileId === profileId).map((r) => r.errorClass));
    expect(errorOf(good.profileId)).toEqual(new Set([null]));
    expect(errorOf(wrongSecret.profileId)).toEqual(new Set(["oauth_error"]));
    const [brokenClass] = errorOf(broken.profileId);

    const after = await scrape();
    expect(count(after, oidcHost, "succeeded") - count(before, oidcHost, "succeeded")).toBe(3);
    expect(count(after, oidcHost, "oauth_error") - count(before, oidcHost, "oauth_error")).toBe(2);
    expect(count(after, tokensHost, String(brokenClass))).toBe(1);
    const hosts = labelValues(after, "authdeck_token_requests_total", "host");
    expect(new Set(hosts)).toEqual(new Set([oidcHost, tokensHost]));
    expect(
      sampleValue(after, "authdeck_jobs_total", { job: "token.test", result: "completed" }),
    ).toBe(6);
    expect(sampleValue(after, "authdeck_queue_jobs", { queue: "tokens", state: "waiting" })).toBe(
      0,
    );
    expect(after.map((f) => f.name)).toContain("authdeck_queue_oldest_waiting_seconds");

    expect((await scrapeMetrics(metricsUrl)).status).toBe(401);
    expect((await scrapeMetrics(metricsUrl, "metrics-token-for-the-worker-tesT")).status).toBe(401);
  });

  it("measure how late a scheduled refresh starts against its planned time", async () => {
    const saved = await kit.createProfile({
      tokenRequestUrl: `${oidc.url}/token`,
      clientId: "metrics-client",
      clientSecret: SECRET,
    });
    await verdicts([await press(saved)]);
    const before = await scrape();
    const lateness = (families: typeof before) =>
      families.find((f) => f.name === "authdeck_refresh_lateness_seconds")?.metrics[0] as
        | { count: string; sum: string }
        | undefined;
    const countBefore = Number(lateness(before)?.count ?? 0);
    const sumBefore = Number(lateness(before)?.sum ?? 0);

    // Planned 20 s ago: the scheduler finds it due at its next tick and it starts about that late.
    await db.tokenState.updateMany({
      where: { profileId: saved.profileId },
      data: { nextRefreshAt: new Date(Date.now() - 20_000) },
    });
    const refreshed = (families: typeof before) =>
      sampleValue(families, "authdeck_refreshes_total", {
        trigger: "refresh",
        result: "refreshed",
      });
    await waitFor(async () => refreshed(await scrape()) === refreshed(before) + 1, 20_000);
    const after = lateness(await scrape());
    expect(Number(after?.count)).toBe(countBefore + 1);
    expect(Number(after?.sum) - sumBefore).toBeGreaterThanOrEqual(20);
    expect(Number(after?.sum) - sumBefore).toBeLessThan(40);
  });

  it("count notification sends by channel kind and outcome", async () => {
    const { member } = await kit.createProfile({ tokenRequestUrl: `${oidc.url}/token` });
    // Two test events back to back: the 30 s gap between them is for people pressing the button.
    const core = {
      db,
      sealer: kit.sealer,
      now: () => new Date(),
      emailDomains: null,
      testEventGapMs: 0,
    };
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const { id: channelId } = await createChannel(core, member, {
      kind: "webhook",
      name: "On-call",
      url,
      events: ["profile.refresh.failing"],
      appIds: [],
    });
    const sends = (families: Awaited<ReturnType<typeof scrape>>, outcome: string) =>
      sampleValue(families, "authdeck_notification_deliveries_total", { kind: "webhook", outcome });
    const before = await scrape();

    // The worker's scheduler claims the delivery from PostgreSQL and a job sends it.
    await sendTestEvent(core, member, { channelId });
    await waitFor(
      async () => sends(await scrape(), "delivered") === sends(before, "delivered") + 1,
    );
    receiverStatus = 500;
    await sendTestEvent(core, member, { channelId });
    await waitFor(async () => sends(await scrape(), "retrying") === sends(before, "retrying") + 1);
    receiverStatus = 200;

    const after = await scrape();
    expect(sends(after, "failed")).toBe(sends(before, "failed"));
    const seconds = after.find((f) => f.name === "authdeck_notification_delivery_duration_seconds");
    expect(seconds).toBeDefined();
  });
});
