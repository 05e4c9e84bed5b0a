import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config.ts";

describe("readConfig", () => {
  it("defaults to the issue's sizes, every measurement, a full run", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      testRuns: 200,
      profiles: 100_000,
      listClients: 20,
      lifetimes: 3,
    });
    expect([...config.only]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(config.partial).toBe(false);
  });

  it("calls a quick, selective or resized run partial, but not another port", () => {
    expect(readConfig({ BENCH_QUICK: "1" }).partial).toBe(true);
    expect(readConfig({ BENCH_ONLY: "2,4" }).partial).toBe(true);
    expect(readConfig({ BENCH_ONLY: "1,2,3,4,5" }).partial).toBe(true);
    expect(readConfig({ BENCH_PROXY_REQUESTS: "100" }).partial).toBe(true);
    expect(readConfig({ BENCH_PROFILES: "500" }).partial).toBe(true);
    expect(readConfig({ BENCH_WORKER_CONCURRENCY: "30" }).partial).toBe(true);
    expect(readConfig({ BENCH_PORT: "4000" }).partial).toBe(false);
  });

  it("refuses sizes and measurements that do not exist", () => {
    expect(() => readConfig({ BENCH_ONLY: "7" })).toThrow("BENCH_ONLY");
    expect(() => readConfig({ BENCH_PROFILES: "0" })).toThrow("BENCH_PROFILES");
  });
});
