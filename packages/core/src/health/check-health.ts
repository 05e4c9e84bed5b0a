import type { Db } from "../db/client.ts";
import { liveWorkers } from "../queue/heartbeat.ts";
import { describeRedis, type RedisClient, untilReady } from "../queue/redis.ts";

export type ServiceHealth = { ok: boolean; latencyMs: number | null; detail: string };
export type RedisTopology = {
  topology: "single" | "sentinel" | "cluster";
  master: string | null;
};
export type Health = {
  postgres: ServiceHealth;
  redis: ServiceHealth;
  worker: ServiceHealth;
  redisTopology: RedisTopology;
};

/**
 * The Status page's checks. The page needs no sign-in, so the addresses of Redis nodes (inside
 * the operator's network) are given only when `showNodes` says the caller is signed in.
 */
export async function checkHealth(deps: {
  db: Db;
  redis: RedisClient;
  queuePrefix: string;
  now: () => Date;
  showNodes: boolean;
}): Promise<Health> {
  const [postgres, redis] = await Promise.all([
    probe(() => deps.db.$queryRaw`SELECT 1`, "accepting queries"),
    probe(async () => {
      await untilReady(deps.redis, 1_500);
      return deps.redis.ping();
    }, "answering"),
  ]);
  const worker = redis.ok ? await workerHealth(deps) : unknownWorker();
  const { topology, master } = describeRedis(deps.redis);
  return {
    postgres,
    redis,
    worker,
    redisTopology: { topology, master: deps.showNodes ? master : null },
  };
}

async function probe(call: () => Promise<unknown>, okDetail: string): Promise<ServiceHealth> {
  const started = performance.now();
  try {
    await withTimeout(call(), 2_000);
    return { ok: true, latencyMs: Math.round(performance.now() - started), detail: okDetail };
  } catch (error) {
    return { ok: false, latencyMs: null, detail: describe(error) };
  }
}

async function workerHealth(deps: { redis: RedisClient; queuePrefix: string; now: () => Date }) {
  const { count, lastBeatAt } = await liveWorkers(deps.redis, deps.queuePrefix, deps.now());
  const ago = lastBeatAt
    ? `last heartbeat ${Math.round((deps.now().getTime() - lastBeatAt.getTime()) / 1000)} s ago`
    : "no heartbeat yet";
  return {
    ok: count > 0,
    latencyMs: null,
    detail: count > 0 ? `${count} running, ${ago}` : `no worker running (${ago})`,
  };
}

function unknownWorker(): ServiceHealth {
  return { ok: false, latencyMs: null, detail: "unknown while Redis is unreachable" };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Connection errors can quote the URL; keep only the first line and never a password.
  const firstLine = message.split("\n", 1)[0] ?? "";
  return firstLine.replace(/\/\/[^@/\s]*@/g, "//***@").slice(0, 200);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
