import { describe, expect, it } from "vitest";
import { percentile, summarize } from "../src/stats.ts";

describe("percentile", () => {
  it("answers a measured sample by nearest rank", () => {
    const samples = [15, 20, 35, 40, 50];
    expect(percentile(samples, 5)).toBe(15);
    expect(percentile(samples, 30)).toBe(20);
    expect(percentile(samples, 40)).toBe(20);
    expect(percentile(samples, 50)).toBe(35);
    expect(percentile(samples, 100)).toBe(50);
  });

  it("does not depend on the order of the samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 0)).toBe(1);
  });

  it("refuses no samples and percentiles outside 0-100", () => {
    expect(() => percentile([], 50)).toThrow("no samples");
    expect(() => percentile([1], 101)).toThrow("outside");
  });
});

describe("summarize", () => {
  it("gives count, p50, p95, p99 and max", () => {
    const samples = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(summarize(samples)).toEqual({ count: 200, p50: 100, p95: 190, p99: 198, max: 200 });
  });
});
