import { EnvError } from "@authdeck/core/config";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readWorkerEnv } from "../../src/env.ts";

const REQUIRED = {
  DATABASE_URL: "postgresql://authdeck:authdeck@127.0.0.1:5432/authdeck",
  REDIS_URL: "redis://127.0.0.1:6379",
  AUTHDECK_SEALING_KEYS: `k1:${Buffer.alloc(32, 3).toString("base64")}`,
};
const WORKER_VARIABLES = [
  "WORKER_CONCURRENCY",
  "REFRESH_MIN_INTERVAL_SECONDS",
  "REFRESH_BUDGET_PER_TEAM_PER_MINUTE",
  "AUTHDECK_EGRESS_ALLOW",
  "WORKER_METRICS_PORT",
  "METRICS_HOST",
  "METRICS_TOKEN",
];

beforeEach(() => {
  for (const [name, value] of Object.entries(REQUIRED)) vi.stubEnv(name, value);
  for (const name of WORKER_VARIABLES) vi.stubEnv(name, undefined);
});
afterEach(() => vi.unstubAllEnvs());

const refusal = () => {
  try {
    readWorkerEnv();
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error("the environment was accepted");
};

describe("the worker's environment", () => {
  it("has the documented defaults", () => {
    expect(readWorkerEnv()).toMatchObject({
      WORKER_CONCURRENCY: 25,
      REFRESH_MIN_INTERVAL_SECONDS: 30,
      REFRESH_BUDGET_PER_TEAM_PER_MINUTE: 1_200,
      METRICS_HOST: "127.0.0.1",
    });
    // No metrics server unless a port is given.
    expect(readWorkerEnv().WORKER_METRICS_PORT).toBeUndefined();
  });

  it("refuses a metrics token too short to guess at, naming it without its value", () => {
    vi.stubEnv("METRICS_TOKEN", "short-token");
    const message = refusal();
    expect(message).toContain("METRICS_TOKEN");
    expect(message).not.toContain("short-token");
  });

  it("reads numbers from their text", () => {
    vi.stubEnv("WORKER_CONCURRENCY", "10");
    vi.stubEnv("REFRESH_MIN_INTERVAL_SECONDS", "1");
    expect(readWorkerEnv()).toMatchObject({
      WORKER_CONCURRENCY: 10,
      REFRESH_MIN_INTERVAL_SECONDS: 1,
    });
  });

  it.each([
    ["WORKER_CONCURRENCY", "0"],
    ["WORKER_CONCURRENCY", "201"],
    ["WORKER_CONCURRENCY", "2.5"],
    ["REFRESH_MIN_INTERVAL_SECONDS", "0"],
    ["REFRESH_MIN_INTERVAL_SECONDS", "3601"],
    ["REFRESH_BUDGET_PER_TEAM_PER_MINUTE", "0"],
    ["WORKER_METRICS_PORT", "0"],
    ["WORKER_METRICS_PORT", "65536"],
  ])("refuses %s=%s and names it", (name, value) => {
    vi.stubEnv(name, value);
    expect(refusal()).toContain(name);
  });

  it("refuses a missing sealing key and names it", () => {
    vi.stubEnv("AUTHDECK_SEALING_KEYS", undefined);
    expect(refusal()).toContain("AUTHDECK_SEALING_KEYS");
  });
});
