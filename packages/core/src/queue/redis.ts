import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { RedisTarget } from "../config/redis-env.ts";

/** A connection to whichever topology the process was given: one server, Sentinel or Cluster. */
export type RedisClient = Redis | Cluster;

/**
 * Workers wait for Redis to come back (BullMQ requires `maxRetriesPerRequest: null`); producers in
 * the web app fail at once so a request answers "queue unavailable" instead of hanging. A string
 * is one server's URL.
 */
export function createRedis(
  target: RedisTarget | string,
  role: "worker" | "producer",
): RedisClient {
  const options: RedisOptions =
    role === "worker"
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 };
  const to: RedisTarget = typeof target === "string" ? { topology: "single", url: target } : target;
  switch (to.topology) {
    case "single":
      return new Redis(to.url, { ...options, lazyConnect: false });
    case "sentinel":
      // The failover detector listens for the sentinels' +switch-master, so a new master is
      // used as soon as it is elected rather than at the next failed command.
      return new Redis({
        ...options,
        sentinels: to.sentinels,
        name: to.masterName,
        password: to.password,
        failoverDetector: true,
        lazyConnect: false,
      });
    case "cluster":
      return new Cluster(to.nodes, {
        redisOptions: { ...options, password: to.password },
        enableOfflineQueue: options.enableOfflineQueue ?? true,
        lazyConnect: false,
      });
  }
}

/**
 * BullMQ's keys of one queue must share a Cluster slot (its scripts touch several at once), so on
 * a Cluster the prefix is a hash tag; elsewhere it stays as it was, so upgrading keeps the queue.
 */
export const bullPrefix = (connection: RedisClient, prefix: string) =>
  connection instanceof Cluster ? `{${prefix}}` : prefix;

/** The topology a connection speaks to and, where known, the node it uses as master. */
export function describeRedis(connection: RedisClient): {
  topology: "single" | "sentinel" | "cluster";
  master: string | null;
} {
  if (connection instanceof Cluster) {
    const masters = connection
      .nodes("master")
      .map((node) => `${node.options.host}:${node.options.port}`);
    return { topology: "cluster", master: masters.length ? masters.join(", ") : null };
  }
  const stream = (
    connection as Redis & { stream?: { remoteAddress?: string; remotePort?: number } }
  ).stream;
  const master = stream?.remoteAddress ? `${stream.remoteAddress}:${stream.remotePort}` : null;
  return { topology: connection.options.sentinels ? "sentinel" : "single", master };
}

/** BullMQ loses jobs when Redis may evict keys; refuse to run on such a server. */
export async function assertNoEviction(redis: RedisClient): Promise<void> {
  // On a Cluster every master holds part of the queue, so every one is asked (once the client
  // has learnt them).
  if (redis instanceof Cluster) await untilReady(redis, 60_000);
  const servers = redis instanceof Cluster ? redis.nodes("master") : [redis];
  for (const server of servers) await assertServerNoEviction(server);
}

async function assertServerNoEviction(redis: Redis): Promise<void> {
  const reply = (await redis.config("GET", "maxmemory-policy")) as string[];
  const policy = reply[1];
  if (policy !== "noeviction") {
    throw new Error(
      `Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or it loses jobs. ` +
        `Run: redis-cli config set maxmemory-policy noeviction (and set it in redis.conf)`,
    );
  }
}

/**
 * A producer connection refuses commands until it is connected; this waits briefly for that
 * (right after start, or while it reconnects) and then lets the command fail fast.
 */
export function untilReady(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new Error(`Redis not reachable within ${timeoutMs} ms (${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once("ready", onReady);
  });
}
