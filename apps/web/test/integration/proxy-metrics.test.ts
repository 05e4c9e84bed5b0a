// @module-tag resilience
import {
  freePort,
  sampleValue,
  scrapeMetrics,
  startApiServer,
  startTokenServer,
} from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamWithApp } from "../support/harness.ts";
import { spawnProxyProcess, useProxy } from "../support/proxy.ts";

const METRICS_TOKEN = "metrics-token-for-the-proxy-test-81aa";

const { server } = await useProxy("proxy_metrics");
const api = await startApiServer();
const provider = await startTokenServer();
let proxy: Awaited<ReturnType<typeof spawnProxyProcess>>;
let metricsUrl: string;

beforeAll(async () => {
  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
  proxy = await spawnProxyProcess({ PROXY_METRICS_PORT: String(port), METRICS_TOKEN });
});

afterAll(async () => {
  await proxy?.close();
  await api.close();
  await provider.close();
});

describe("the proxy process's metrics", () => {
  it("count proxied calls by the class of their answer, for bearers of the metrics token only", async () => {
    const { app, createKey, createProfile } = await teamWithApp(server, "Proxied");
    const profile = await createProfile({
      name: "Partner API",
      identityProviderName: "IdP",
      clientId: "client-1",
      clientSecret: "client-secret-value",
      tokenRequestUrl: provider.urlFor("ok"),
      apiBaseUrl: `${api.url}/base/v1`,
    });
    const key = await createKey();
    const url = `${proxy.url}/api/v1/apps/${app.id}/profiles/${profile.id}/proxy/items`;
    const count = async (statusClass: string) => {
      const { status, families } = await scrapeMetrics(metricsUrl, METRICS_TOKEN);
      expect(status).toBe(200);
      return sampleValue(families, "authdeck_proxy_requests_total", { status_class: statusClass });
    };
    const [ok, refused] = [await count("2xx"), await count("4xx")];

    const answers = [
      (await fetch(url, { headers: { authorization: `Bearer ${key}` } })).status,
      (await fetch(url, { headers: { authorization: `Bearer ${key}` } })).status,
      (await fetch(url)).status,
    ];
    expect(answers).toEqual([200, 200, 401]);
    expect(await count("2xx")).toBe(ok + 2);
    expect(await count("4xx")).toBe(refused + 1);

    expect((await scrapeMetrics(metricsUrl)).status).toBe(401);
    expect((await scrapeMetrics(metricsUrl, `${METRICS_TOKEN}x`)).status).toBe(401);
  });
});
