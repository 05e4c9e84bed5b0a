import { describe, expect, it } from "vitest";
import { latencyRange, timeRange, timeTickLabels } from "./chart-axes.ts";

describe("a latency chart's y scale", () => {
  it("runs from 0 to a round number above a single point", () => {
    expect(latencyRange(42, 42)).toEqual([0, 100]);
    expect(latencyRange(180, 180)).toEqual([0, 500]);
    expect(latencyRange(12, 930)).toEqual([0, 2000]);
  });

  it("has a range to show with no point at all", () => {
    expect(latencyRange(null, null)).toEqual([0, 100]);
  });
});

describe("a time axis", () => {
  const at = (iso: string) => new Date(iso).getTime() / 1000;

  it("labels every tick alike, the first as plain as the next", () => {
    const splits = [
      at("2026-12-06T10:05:00"),
      at("2026-12-06T10:06:00"),
      at("2026-12-06T10:07:00"),
    ];
    expect(timeTickLabels(splits, 60)).toEqual(["10:05", "10:06", "10:07"]);
  });

  it("shows seconds when ticks are seconds apart, and days when they are days apart", () => {
    const seconds = [at("2026-12-06T10:05:10"), at("2026-12-06T10:05:20")];
    expect(timeTickLabels(seconds, 10)).toEqual(["10:05:10", "10:05:20"]);
    const days = [at("2026-12-06T00:00:00"), at("2026-12-07T00:00:00")];
    expect(timeTickLabels(days, 86_400)).toEqual(["6 Dec", "7 Dec"]);
  });
});

describe("a history chart's time scale", () => {
  it("leaves a margin either side so the first and last bars are whole", () => {
    expect(timeRange(1000, 2000)).toEqual([960, 2040]);
    // Requests seconds apart still get a few seconds either side.
    expect(timeRange(1000, 1010)).toEqual([995, 1015]);
  });

  it("spans a few minutes around a single request", () => {
    expect(timeRange(1000, 1000)).toEqual([850, 1150]);
  });
});
