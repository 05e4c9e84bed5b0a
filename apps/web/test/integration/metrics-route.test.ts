// @module-tag resilience
import { storeToken } from "@authdeck/core/tokens";
import { type MetricFamily, sampleValue, scrapeMetrics } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "~/app/api/metrics/route.ts";
import { baseUrl, teamWithApp } from "../support/harness.ts";
import { serveLikeNext } from "../support/next-request.ts";
import { useTokenApi } from "../support/token-api.ts";

const METRICS_TOKEN = "metrics-token-for-the-web-test-3c9d";
const { server, api } = await useTokenApi("metrics_route", { METRICS_TOKEN });

let metricsUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const served = await serveLikeNext(baseUrl, GET);
  metricsUrl = `http://127.0.0.1:${served.port}/api/metrics`;
  close = served.close;
});

afterAll(() => close?.());

const scrapeText = async () => {
  const { status, families, text } = await scrapeMetrics(metricsUrl, METRICS_TOKEN);
  expect(status).toBe(200);
  return { families, text };
};
const scrape = async () => (await scrapeText()).families;

const tokenApiCount = (families: MetricFamily[], statusClass: string) =>
  sampleValue(families, "authdeck_token_api_requests_total", { status_class: statusClass });

describe("the web's metrics", () => {
  it("count token API requests by the class of their answer and time them", async () => {
    const { team, app, createKey, createProfile } = await teamWithApp(server, "Measured");
    const profile = await createProfile({
      name: "Measured",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    });
    await storeToken(
      { db: server.db, sealer: server.context(null, null).sealer },
      {
        teamId: team.id,
        profileId: profile.id,
        tenant: "",
        accessToken: "access-token-for-the-metrics-test",
        refreshToken: null,
        tokenType: "Bearer",
        expiresIn: 3600,
        jwtExp: null,
        defaultLifetimeSeconds: 3300,
        obtainedAt: new Date(),
      },
    );
    const key = await createKey();
    const before = await scrape();

    const call = (authorization: string, profileId = profile.id) =>
      api.get({ authorization, appId: app.id, profileId });
    const statuses = [
      (await call(`Bearer ${key}`)).status,
      (await call(`Bearer ${key}`)).status,
      (await call("Bearer not-a-key")).status,
      (await call(`Bearer ${key}`, crypto.randomUUID())).status,
      (await call(`Bearer ${key}`, crypto.randomUUID())).status,
    ];
    expect(statuses).toEqual([200, 200, 401, 404, 404]);

    const { families: after, text } = await scrapeText();
    expect(tokenApiCount(after, "2xx") - tokenApiCount(before, "2xx")).toBe(2);
    expect(tokenApiCount(after, "4xx") - tokenApiCount(before, "4xx")).toBe(3);
    expect(after.find((f) => f.name === "authdeck_token_api_request_duration_seconds")?.type).toBe(
      "HISTOGRAM",
    );
    // Read from the text: the parser merges a labelled histogram's series.
    expect(text).toContain(
      `authdeck_token_api_request_duration_seconds_count{status_class="2xx"} ${tokenApiCount(after, "2xx")}\n`,
    );
    // The process's own metrics come with them.
    expect(after.map((f) => f.name)).toContain("process_cpu_seconds_total");
  });

  it("count the live streams open on this process", async () => {
    const { team, users, app, createProfile } = await teamWithApp(server, "Streaming");
    const profile = await createProfile({
      name: "Streamed",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    });
    const run = await server.db.testRun.create({
      data: { teamId: team.id, profileId: profile.id, status: "queued" },
    });
    const stop = new AbortController();
    const caller = server.appRouter.createCaller(server.context(users.owner, null), {
      signal: stop.signal,
    });
    const streams = async () => sampleValue(await scrape(), "authdeck_live_streams");
    const before = await streams();

    const stream = (
      await caller.testRun.onUpdate({ teamId: team.id, appId: app.id, runId: run.id })
    )[Symbol.asyncIterator]();
    await stream.next();
    expect(await streams()).toBe(before + 1);
    stop.abort();
    await stream.return?.();
    expect(await streams()).toBe(before);
  });

  it("are refused without the token, or with another one", async () => {
    expect((await scrapeMetrics(metricsUrl)).status).toBe(401);
    expect((await scrapeMetrics(metricsUrl, `${METRICS_TOKEN}x`)).status).toBe(401);
    const basic = await fetch(metricsUrl, { headers: { authorization: `Basic ${METRICS_TOKEN}` } });
    expect(basic.status).toBe(401);
  });
});
