import { randomUUID } from "node:crypto";
import os from "node:os";
import { EnvError, mailSettingsOf, redisTargetOf } from "@authdeck/core/config";
import { createSealer } from "@authdeck/core/crypto";
import { createDb } from "@authdeck/core/db";
import { createLogger, type Logger } from "@authdeck/core/logging";
import { assertNoEviction, createRedis } from "@authdeck/core/queue";
import { readWorkerEnv } from "./env.ts";
import { type ServedMetrics, serveWorkerMetrics } from "./metrics.ts";
import type { JobRegistry, WorkerDeps } from "./registry.ts";
import { startWorker } from "./worker.ts";

// Jobs still running after this long are left for BullMQ's stalled-job recovery.
const SHUTDOWN_GRACE_MS = 25_000;

/** A loop the worker process runs beside its jobs (schedulers, sweeps), stopped on shutdown. */
export type Background = { stop: () => Promise<void> };

/** The worker process: validated env, Redis checks, the worker, and graceful shutdown. */
export async function runWorkerProcess(
  makeJobs: (deps: WorkerDeps) => JobRegistry,
  startBackground: (deps: WorkerDeps, log: Logger) => Background[] = () => [],
): Promise<void> {
  let env: ReturnType<typeof readWorkerEnv>;
  try {
    env = readWorkerEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`Authdeck worker cannot start.\n${error.message}`);
    process.exit(1);
  }
  const log = createLogger({ name: "worker", level: env.LOG_LEVEL });
  const redis = redisTargetOf(env);
  const connection = createRedis(redis, "worker");
  try {
    await assertNoEviction(connection);
  } catch (error) {
    log.fatal((error as Error).message);
    console.error(`Authdeck worker cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const publisher = createRedis(redis, "worker");
  let metrics: ServedMetrics | null = null;
  try {
    metrics = await serveWorkerMetrics(env, publisher);
  } catch (error) {
    console.error(`Authdeck worker cannot start its metrics server: ${(error as Error).message}`);
    process.exit(1);
  }
  if (metrics) log.info({ host: env.METRICS_HOST, port: metrics.port }, "metrics served");
  const deps: WorkerDeps = {
    db: createDb({ databaseUrl: env.DATABASE_URL, poolSize: Math.max(4, env.WORKER_CONCURRENCY) }),
    sealer: createSealer(env.AUTHDECK_SEALING_KEYS),
    now: () => new Date(),
    egressAllow: env.AUTHDECK_EGRESS_ALLOW,
    egressTeamMayAllow: env.AUTHDECK_EGRESS_TEAM_MAY_ALLOW,
    mail: mailSettingsOf(env),
    queuePrefix: env.AUTHDECK_QUEUE_PREFIX,
    redis,
    publisher,
    refreshPolicy: { minIntervalMs: env.REFRESH_MIN_INTERVAL_SECONDS * 1_000 },
    budget: {
      redis: publisher,
      prefix: env.AUTHDECK_QUEUE_PREFIX,
      perTeamPerMinute: env.REFRESH_BUDGET_PER_TEAM_PER_MINUTE,
    },
    metrics: metrics?.observer,
  };
  const registry = makeJobs(deps);
  const workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const worker = startWorker({
    connection,
    prefix: env.AUTHDECK_QUEUE_PREFIX,
    registry,
    concurrency: env.WORKER_CONCURRENCY,
    log,
    workerId,
    metrics: metrics ?? undefined,
  });
  const background = startBackground(deps, log);
  log.info({ workerId, jobs: Object.keys(registry) }, "worker started");

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "finishing running jobs before exit");
    const force = setTimeout(() => {
      log.warn("jobs still running at the end of the grace period; exiting anyway");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    await Promise.all(background.map((b) => b.stop()));
    await worker.close();
    await metrics?.close();
    await Promise.all([connection.quit(), publisher.quit(), deps.db.$disconnect()]).catch(() => {});
    log.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
