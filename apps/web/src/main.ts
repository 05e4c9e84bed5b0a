// The web process: Next.js behind a Node server of Authdeck's own, which answers the token API
// itself and hands every other request to Next. `node dist/main.js [--port N] [--hostname H]
// [--dev]`; build.ts bundles this file.
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { assertWebEnv, webEnv } from "./env.ts";
import { trackPeerAddresses } from "./server/client-address.ts";
import { tokenTargetOf } from "./server/token-api/path.ts";
import { openTokenApi } from "./server/token-api/token-api-deps.ts";

// Told to stop, the process lets requests in flight finish for this long, then cuts what is
// left (live streams never end on their own) and exits.
const DRAIN_MS = 5_000;

const refuse = (message: string): never => {
  console.error(`Authdeck web cannot start.\n${message}`);
  process.exit(1);
};

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
if (!Number.isInteger(port) || port < 1 || port > 65_535)
  refuse("--port: must be a whole number from 1 to 65535");
const tokenApi = openTokenApi(env);
const { log } = tokenApi;

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
  refuse(String(error));
}
// Before the first request can arrive: sign-in throttling reads the socket's address from every
// request (server/client-address.ts), and Next does not wait for instrumentation to run.
trackPeerAddresses();

const server = createServer((request, response) => {
  const target = tokenTargetOf(request.url ?? "/");
  const served = target ? tokenApi.serve(request, response, target) : handle(request, response);
  served.catch((error: unknown) => {
    log.error({ err: error }, "request failed");
    if (!response.headersSent) response.writeHead(500).end();
    else response.destroy();
  });
});
// Next's dev server reloads pages over a WebSocket.
if (dev) server.on("upgrade", app.getUpgradeHandler());
// A port in use or not allowed: Next's own handlers would only log it and leave the process up.
server.once("error", (error) => refuse(`port ${port}: ${error.message}`));
server.listen(port, args.hostname, () => {
  log.info({ port, listen: args.hostname ?? "all interfaces", dev }, "web started");
});

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "web stopping");
  // Whatever still hangs after the drain (a pool or Next's close) does not keep the process up.
  setTimeout(() => process.exit(0), DRAIN_MS * 2).unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const drained = await Promise.race([
    closed.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), DRAIN_MS)),
  ]);
  if (!drained) server.closeAllConnections();
  await Promise.allSettled([app.close(), tokenApi.close()]);
  process.exit(0);
}
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));
