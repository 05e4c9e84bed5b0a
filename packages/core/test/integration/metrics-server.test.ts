// @module-tag resilience
import { connect } from "node:net";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MetricsServer, startMetricsServer } from "../../src/metrics/metrics-server.ts";

const TOKEN = "metrics-token-for-the-test-0123";
let server: MetricsServer;

beforeAll(async () => {
  server = await startMetricsServer({
    registry: new Registry(),
    host: "127.0.0.1",
    port: 0,
    token: TOKEN,
  });
});
afterAll(async () => {
  await server?.close();
});

/** Sends a request line as written (fetch would normalise it) and returns the status line. */
function rawStatus(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: metrics\r\nConnection: close\r\n\r\n`);
    });
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
    });
    socket.on("end", () => resolve(answer.split("\r\n", 1)[0] ?? ""));
    socket.on("error", reject);
  });
}

describe("the metrics server", () => {
  it("answers request targets that are not URLs with 404, before any token, and keeps serving", async () => {
    for (const target of ["//a:b", "//[", "http://a:b/", "/metrics/../metrics"]) {
      expect(await rawStatus(target)).toBe("HTTP/1.1 404 Not Found");
    }
    const scrape = await fetch(`http://127.0.0.1:${server.port}/metrics?x=1`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(scrape.status).toBe(200);
    expect(await rawStatus("/metrics")).toBe("HTTP/1.1 401 Unauthorized");
  });
});

describe("a metrics server off loopback", () => {
  it("does not start without METRICS_TOKEN, and starts with it", async () => {
    const options = { registry: new Registry(), host: "0.0.0.0", port: 0 };
    await expect(startMetricsServer({ ...options, token: undefined })).rejects.toThrow(
      /METRICS_HOST 0.0.0.0 is not a loopback address: set METRICS_TOKEN too/,
    );
    const opened = await startMetricsServer({ ...options, token: TOKEN });
    await opened.close();
  });
});
