import { describe, expect, it } from "vitest";
import type { RunView } from "./dashboard-types.ts";
import { sparkline } from "./sparkline.ts";

const run = (durationMs: number | null, status = "succeeded"): RunView => ({
  trigger: "refresh",
  status,
  durationMs,
  at: new Date("2026-12-06T10:00:00Z"),
});
const size = { width: 100, height: 20 };

describe("a row's trend", () => {
  it("draws latency upwards from 0, on the latency chart's round scale", () => {
    // 80 ms and 40 ms: the scale runs 0-100 ms, so 80 ms sits at 4 px from the top of 20.
    const trend = sparkline([run(80), run(40)], size);
    expect(trend.top).toBe(100);
    expect(trend.line).toBe("M0,4L100,12");
    expect(trend.failures).toEqual([]);
  });

  it("keeps equal latencies a flat line above the bottom, not a band around them", () => {
    const trend = sparkline([run(42), run(42), run(42)], size);
    expect(trend.line).toBe("M0,11.6L50,11.6L100,11.6");
  });

  it("marks failures along the bottom and leaves requests without a time out of the line", () => {
    const trend = sparkline([run(30), run(null, "failed"), run(60, "failed")], size);
    expect(trend.line).toBe("M0,14L100,8");
    expect(trend.last).toEqual({ x: 100, y: 8 });
    expect(trend.failures).toEqual([50, 100]);
  });

  it("puts a single request in the middle and draws nothing without requests", () => {
    // 10 ms on a 0-20 ms scale: halfway up.
    expect(sparkline([run(10)], size)).toMatchObject({ line: "M50,10", last: { x: 50, y: 10 } });
    expect(sparkline([], size)).toEqual({ line: "", last: null, failures: [], top: 100 });
  });
});
