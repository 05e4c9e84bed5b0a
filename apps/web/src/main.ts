// The web process: Next.js behind a Node server of Authdeck's own, which answers the token API
// itself and hands every other request to Next. `node dist/main.js [--port N] [--hostname H]
// [--dev]`; build.ts bundles this file.
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { redisTargetOf } from "@authdeck/core/config";
import { createEventWakeUps } from "@authdeck/core/queue";
import { assertWebEnv, webEnv } from "./env.ts";
import { createServerDeps } from "./server/deps.ts";
import { createServiceDeps } from "./server/service-deps.ts";
import { tokenTargetOf } from "./server/token-api/path.ts";
import { createTokenApi } from "./server/token-api/serve.ts";

// What is still being written when the process is told to stop gets this long.
const SHUTDOWN_GRACE_MS = 5_000;

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    hostname: { type: "string" },
    dev: { type: "boolean", default: false },
  },
});
const dev = args.dev ?? false;
// As `next start` and `next dev` set it, before anything reads it: React and Next pick their
// production code by it.
// biome-ignore lint/style/noProcessEnv: set for Next and React, as their own commands do
(process.env as Record<string, string>).NODE_ENV ??= dev ? "development" : "production";

// A bad variable stops the process here, with a message naming it.
assertWebEnv();
const env = webEnv();
const port = args.port === undefined ? env.PORT : Number(args.port);
const deps = createServerDeps(env);
const events = createEventWakeUps(redisTargetOf(env));
const service = createServiceDeps(deps, events.wakeUps, env.API_PROXY_CACHE_MS);
const serveTokenApi = createTokenApi({ deps, service });

// Loaded after NODE_ENV is set: Next reads it as it loads.
const { default: next } = await import("next");
const app = next({
  dev,
  dir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."),
  hostname: args.hostname ?? "localhost",
  port,
});
const handle = app.getRequestHandler();
try {
  await app.prepare();
} catch (error) {
  console.error("Authdeck web cannot start.", error);
  process.exit(1);
}

const server = createServer((request, response) => {
  const target = tokenTargetOf(request.url ?? "/");
  const served = target ? serveTokenApi(request, response, target) : handle(request, response);
  served.catch((error: unknown) => {
    deps.log.error({ err: error }, "request failed");
    if (!response.headersSent) response.writeHead(500).end();
    else response.destroy();
  });
});
// Next's dev server reloads pages over a WebSocket.
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.listen(port, args.hostname, () => {
  deps.log.info({ port, listen: args.hostname ?? "all interfaces", dev }, "web started");
});

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  deps.log.info({ signal }, "web stopping");
  // Live streams stay open until their clients go: they are cut, as `next start` cut them.
  const force = setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS);
  force.unref();
  server.close();
  server.closeIdleConnections();
  await service.closeUsage().catch(() => {});
  events.close();
  deps.redis.disconnect();
  await deps.db.$disconnect().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));
