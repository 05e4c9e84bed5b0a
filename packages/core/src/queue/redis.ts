import { Redis, type RedisOptions } from "ioredis";

/**
 * Workers wait for Redis to come back (BullMQ requires `maxRetriesPerRequest: null`); producers in
 * the web app fail at once so a request answers "queue unavailable" instead of hanging.
 */
export function createRedis(url: string, role: "worker" | "producer"): Redis {
  const options: RedisOptions =
    role === "worker"
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 };
  return new Redis(url, { ...options, lazyConnect: false });
}

/** BullMQ loses jobs when Redis may evict keys; refuse to run on such a server. */
export async function assertNoEviction(redis: Redis): Promise<void> {
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
export function untilReady(redis: Redis, timeoutMs: number): Promise<void> {
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
