import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { bearerMatches } from "./bearer.ts";

export type MetricsServer = { port: number; close: () => Promise<void> };

/**
 * Serves `registry` at GET /metrics on `host:port` (port 0: any free one). With a token, every
 * scrape must send `Authorization: Bearer <token>`; without one, the host is what protects it
 * (127.0.0.1 by default).
 */
export async function startMetricsServer(options: {
  registry: Registry;
  host: string;
  port: number;
  token: string | undefined;
}): Promise<MetricsServer> {
  const { registry, token } = options;
  // Metrics name every team's provider hosts: off loopback, only bearers of the token read them.
  if (token === undefined && !isLoopback(options.host)) {
    throw new Error(
      `METRICS_HOST ${options.host} is not a loopback address: set METRICS_TOKEN too, so that only your scraper can read the metrics`,
    );
  }
  const server = createServer(async (req, res) => {
    // The request target is compared as text, never parsed: a target like "//a:b" is valid
    // HTTP but not a URL, and a throw here (before the token check) would take the process down.
    const path = (req.url ?? "").split("?", 1)[0];
    if (req.method !== "GET" || path !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      res.writeHead(401, { "www-authenticate": "Bearer" }).end();
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
    } catch {
      // A collector that reads Redis fails while Redis is away: the scrape says so, nothing more.
      res.writeHead(503).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
