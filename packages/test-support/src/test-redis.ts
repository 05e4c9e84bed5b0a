import type { RedisTarget } from "@authdeck/core/config";
import type { RedisClient } from "@authdeck/core/queue";
import { Cluster } from "ioredis";

/**
 * The tests' Redis: the machine's server (REDIS_URL), or, with AUTHDECK_TEST_REDIS=cluster, the
 * private Cluster the integration projects' global setup started for this run and published in
 * AUTHDECK_TEST_REDIS_CLUSTER_NODES.
 */
export function testRedisTarget(): RedisTarget {
  const nodes = process.env.AUTHDECK_TEST_REDIS_CLUSTER_NODES;
  if (nodes) {
    return {
      topology: "cluster",
      nodes: nodes.split(",").map((node) => {
        const [host = "", port = ""] = node.split(":");
        return { host, port: Number(port) };
      }),
    };
  }
  return { topology: "single", url: process.env.REDIS_URL || "redis://127.0.0.1:6379" };
}

/** The variables that point a spawned web, worker or proxy process at the tests' Redis. */
export function testRedisEnv(): Record<string, string> {
  const target = testRedisTarget();
  return target.topology === "cluster"
    ? { REDIS_CLUSTER_NODES: target.nodes.map((n) => `${n.host}:${n.port}`).join(",") }
    : { REDIS_URL: target.topology === "single" ? target.url : "" };
}

/**
 * Every key matching `pattern`: KEYS answers for one server only, so on a Cluster every master
 * is asked.
 */
export async function keysMatching(redis: RedisClient, pattern: string): Promise<string[]> {
  if (!(redis instanceof Cluster)) return redis.keys(pattern);
  const perMaster = await Promise.all(redis.nodes("master").map((node) => node.keys(pattern)));
  return perMaster.flat();
}

/**
 * Every key of a queue prefix: ours under `prefix:` and, on a Cluster, BullMQ's under the hash
 * tag `{prefix}:`.
 */
export async function keysOfPrefix(redis: RedisClient, prefix: string): Promise<string[]> {
  const ours = await keysMatching(redis, `${prefix}:*`);
  if (!(redis instanceof Cluster)) return ours;
  return [...ours, ...(await keysMatching(redis, `{${prefix}}:*`))];
}

/** Deletes every key of a queue prefix, one key per command (a Cluster refuses cross-slot DEL). */
export async function deleteKeysOfPrefix(redis: RedisClient, prefix: string): Promise<void> {
  for (const key of await keysOfPrefix(redis, prefix)) await redis.del(key);
}
