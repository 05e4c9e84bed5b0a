import { z } from "zod";
import type { SharedEnv } from "./env-schema.ts";

export type RedisNode = { host: string; port: number };

/**
 * Where a process finds Redis: one server (REDIS_URL), a master found through Sentinel, or a
 * Cluster. Web, worker and proxy read the same variables, so they always agree.
 */
export type RedisTarget =
  | { topology: "single"; url: string }
  | { topology: "sentinel"; sentinels: RedisNode[]; masterName: string; password?: string }
  | { topology: "cluster"; nodes: RedisNode[]; password?: string };

const NODE = /^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9.-]+):(\d{1,5})$/;

/** "host:port,host:port" (IPv6 in brackets); a bad entry is named by its position. */
const nodeList = z.string().transform((value, ctx) => {
  const nodes: RedisNode[] = [];
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const match = NODE.exec(entry);
      const port = Number(match?.[2]);
      if (!match?.[1] || port < 1 || port > 65_535) {
        ctx.addIssue({ code: "custom", message: `entry ${index + 1} is not host:port` });
        return;
      }
      nodes.push({ host: match[1].replace(/^\[|\]$/g, ""), port });
    });
  if (nodes.length === 0) ctx.addIssue({ code: "custom", message: "lists no host:port" });
  return nodes;
});

/** Redis Sentinel and Cluster settings, beside REDIS_URL in the shared schema. */
export const redisEnvShape = {
  // Sentinel: the sentinels to ask and the name of the master they watch.
  REDIS_SENTINELS: nodeList.optional(),
  REDIS_SENTINEL_MASTER: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,100}$/, "must be 1-100 letters, digits, '.', '-' or '_'")
    .default("mymaster"),
  // Cluster: some of its nodes (the rest are discovered).
  REDIS_CLUSTER_NODES: nodeList.optional(),
  // The password of the data nodes under Sentinel or Cluster (REDIS_URL carries its own).
  REDIS_PASSWORD: z.string().optional(),
};

type RedisEnv = Pick<
  SharedEnv,
  | "REDIS_URL"
  | "REDIS_SENTINELS"
  | "REDIS_SENTINEL_MASTER"
  | "REDIS_CLUSTER_NODES"
  | "REDIS_PASSWORD"
>;

/** Sentinel and Cluster exclude each other; a process must not guess which one was meant. */
export function requireOneRedisTopology(env: RedisEnv, ctx: z.core.$RefinementCtx) {
  if (env.REDIS_SENTINELS && env.REDIS_CLUSTER_NODES) {
    ctx.addIssue({
      code: "custom",
      path: ["REDIS_CLUSTER_NODES"],
      message:
        "cannot be set with REDIS_SENTINELS: Redis runs either under Sentinel or as a Cluster",
    });
  }
}

export function redisTargetOf(env: RedisEnv): RedisTarget {
  const password = env.REDIS_PASSWORD;
  if (env.REDIS_SENTINELS) {
    return {
      topology: "sentinel",
      sentinels: env.REDIS_SENTINELS,
      masterName: env.REDIS_SENTINEL_MASTER,
      ...(password ? { password } : {}),
    };
  }
  if (env.REDIS_CLUSTER_NODES) {
    return {
      topology: "cluster",
      nodes: env.REDIS_CLUSTER_NODES,
      ...(password ? { password } : {}),
    };
  }
  return { topology: "single", url: env.REDIS_URL };
}
