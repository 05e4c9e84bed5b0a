import { describe, expect, it } from "vitest";
import type { RunView } from "./dashboard-types.ts";
import { describeRun, summarizeHistory } from "./history-summary.ts";

const at = new Date(2026, 11, 6, 10, 5, 12);
const run = (over: Partial<RunView>): RunView => ({
  trigger: "refresh",
  status: "succeeded",
  durationMs: 42,
  at,
  ...over,
});

describe("a request as a chart's tooltip says it", () => {
  it("gives its time, what started it, its latency and its outcome", () => {
    expect(describeRun(run({}))).toBe("10:05:12 · Automatic refresh · 42 ms · succeeded");
    expect(describeRun(run({ trigger: "api", durationMs: 1500, status: "failed" }))).toBe(
      "10:05:12 · Token API · 1.50 s · failed",
    );
  });

  it("says when no time was measured", () => {
    expect(describeRun(run({ trigger: "test", durationMs: null, status: "failed" }))).toBe(
      "10:05:12 · Test · no time measured · failed",
    );
  });
});

describe("a profile's recent requests in words", () => {
  it("counts outcomes and triggers and gives the median latency", () => {
    const history = [
      run({ durationMs: 10 }),
      run({ trigger: "test", durationMs: 30 }),
      run({ status: "failed", durationMs: 20 }),
    ];
    expect(summarizeHistory(history)).toBe(
      "3 recent requests: 2 succeeded, 1 failed; 1 test, 2 by refresh; median 20 ms",
    );
  });
});
