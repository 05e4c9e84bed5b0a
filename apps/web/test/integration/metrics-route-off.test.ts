// @module-tag resilience
import { scrapeMetrics } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "~/app/api/metrics/route.ts";
import { baseUrl } from "../support/harness.ts";
import { serveLikeNext } from "../support/next-request.ts";
import { useTokenApi } from "../support/token-api.ts";

// METRICS_TOKEN is read once per process: this file runs without it (and clears any inherited).
delete process.env.METRICS_TOKEN;
await useTokenApi("metrics_route_off");

let metricsUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const served = await serveLikeNext(baseUrl, GET);
  metricsUrl = `http://127.0.0.1:${served.port}/api/metrics`;
  close = served.close;
});

afterAll(() => close?.());

describe("the web's metrics without METRICS_TOKEN", () => {
  it("are off: the route answers 404 whatever is sent", async () => {
    expect((await scrapeMetrics(metricsUrl)).status).toBe(404);
    expect((await scrapeMetrics(metricsUrl, "any-token-at-all-of-some-length")).status).toBe(404);
  });
});
