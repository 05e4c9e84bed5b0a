import { describe, expect, it } from "vitest";
import { sharedEnvSchema } from "../../src/config/env-schema.ts";
import { EnvError, loadEnv } from "../../src/config/load-env.ts";
import { redisTargetOf, requireOneRedisTopology } from "../../src/config/redis-env.ts";

const sealingKey = `k1:${Buffer.alloc(32, 1).toString("base64")}`;
const schema = sharedEnvSchema.superRefine(requireOneRedisTopology);
const read = (vars: Record<string, string>) =>
  loadEnv(schema, { AUTHDECK_SEALING_KEYS: sealingKey, ...vars });
const errorOf = (vars: Record<string, string>) => {
  try {
    read(vars);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error("no error");
};

describe("the Redis topology from the environment", () => {
  it("is one server at REDIS_URL when neither Sentinel nor Cluster is set", () => {
    expect(redisTargetOf(read({ REDIS_URL: "redis://10.0.0.5:6380" }))).toEqual({
      topology: "single",
      url: "redis://10.0.0.5:6380",
    });
  });

  it("asks the sentinels for the named master, with the data nodes' password", () => {
    const env = read({
      REDIS_SENTINELS: "10.0.0.1:26379, sentinel-b.internal:26380,[::1]:26381",
      REDIS_SENTINEL_MASTER: "authdeck-main",
      REDIS_PASSWORD: "s3cret",
    });
    expect(redisTargetOf(env)).toEqual({
      topology: "sentinel",
      sentinels: [
        { host: "10.0.0.1", port: 26379 },
        { host: "sentinel-b.internal", port: 26380 },
        { host: "::1", port: 26381 },
      ],
      masterName: "authdeck-main",
      password: "s3cret",
    });
  });

  it("defaults the master's name to Sentinel's own default", () => {
    const target = redisTargetOf(read({ REDIS_SENTINELS: "127.0.0.1:26379" }));
    expect(target).toMatchObject({ topology: "sentinel", masterName: "mymaster" });
    expect(target).not.toHaveProperty("password");
  });

  it("starts from the listed nodes of a Cluster", () => {
    expect(redisTargetOf(read({ REDIS_CLUSTER_NODES: "127.0.0.1:7000,127.0.0.1:7001" }))).toEqual({
      topology: "cluster",
      nodes: [
        { host: "127.0.0.1", port: 7000 },
        { host: "127.0.0.1", port: 7001 },
      ],
    });
  });

  it("names a bad entry by its position without echoing it", () => {
    const message = errorOf({ REDIS_CLUSTER_NODES: "127.0.0.1:7000,hunter2@db:70000" });
    expect(message).toContain("REDIS_CLUSTER_NODES: entry 2 is not host:port");
    expect(message).not.toContain("hunter2");
    expect(errorOf({ REDIS_SENTINELS: " , " })).toContain("REDIS_SENTINELS: lists no host:port");
    expect(errorOf({ REDIS_SENTINELS: "a:1", REDIS_SENTINEL_MASTER: "x y" })).toContain(
      "REDIS_SENTINEL_MASTER",
    );
  });

  it("refuses Sentinel and Cluster together instead of picking one", () => {
    expect(
      errorOf({ REDIS_SENTINELS: "127.0.0.1:26379", REDIS_CLUSTER_NODES: "127.0.0.1:7000" }),
    ).toContain("REDIS_CLUSTER_NODES: cannot be set with REDIS_SENTINELS");
  });
});
