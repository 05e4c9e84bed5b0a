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
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" || new URL(req.url ?? "/", "http://metrics").pathname !== "/metrics") {
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
