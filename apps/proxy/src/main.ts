import { EnvError } from "@authdeck/core/config";
import { createLogger } from "@authdeck/core/logging";
import { createProxyMetrics, type MetricsServer, startMetricsServer } from "@authdeck/core/metrics";
import { createProxyDeps } from "./deps.ts";
import { readProxyEnv } from "./env.ts";
import { createProxyServer } from "./server.ts";

// Calls still streaming after this long are cut when the process stops.
const SHUTDOWN_GRACE_MS = 10_000;

let env: ReturnType<typeof readProxyEnv>;
try {
  env = readProxyEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`Authdeck proxy cannot start.\n${error.message}`);
  process.exit(1);
}
const log = createLogger({ name: "proxy", level: env.LOG_LEVEL });
const { deps, close } = createProxyDeps(env, log);
const metrics = env.PROXY_METRICS_PORT === undefined ? undefined : createProxyMetrics();
let metricsServer: MetricsServer | undefined;
if (metrics && env.PROXY_METRICS_PORT !== undefined) {
  try {
    metricsServer = await startMetricsServer({
      registry: metrics.registry,
      host: env.METRICS_HOST,
      port: env.PROXY_METRICS_PORT,
      token: env.METRICS_TOKEN,
    });
  } catch (error) {
    console.error(`Authdeck proxy cannot start its metrics server: ${(error as Error).message}`);
    process.exit(1);
  }
  log.info({ host: env.METRICS_HOST, port: metricsServer.port }, "metrics served");
}
const server = createProxyServer(deps, metrics);
server.listen(env.PROXY_PORT, env.PROXY_HOST, () => {
  log.info({ port: env.PROXY_PORT, host: env.PROXY_HOST }, "proxy started");
});

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "finishing proxied calls before exit");
  // Calls still streaming at the end of the grace period are cut; a Redis or PostgreSQL that
  // is away must not keep the process from exiting either.
  const force = setTimeout(() => {
    log.warn("proxied calls still open at the end of the grace period; exiting anyway");
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await metricsServer?.close();
  await close();
  log.info("proxy stopped");
  process.exit(0);
};
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));
