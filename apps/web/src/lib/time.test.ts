import { describe, expect, it } from "vitest";
import { formatCountdown, formatDuration, formatRelative } from "./time.ts";

const now = new Date("2026-12-06T12:00:00Z");
const at = (secondsFromNow: number) => new Date(now.getTime() + secondsFromNow * 1000);

describe("formatRelative", () => {
  it.each([
    [0, "just now"],
    [-0.5, "just now"],
    [-1, "1 second ago"],
    [-9, "9 seconds ago"],
    [9, "in 9 seconds"],
    [-10, "10 seconds ago"],
    [-59, "59 seconds ago"],
    [-60, "1 minute ago"],
    [-150, "2 minutes ago"],
    [7_200, "in 2 hours"],
    [-86_400, "yesterday"],
    [3 * 86_400, "in 3 days"],
  ])("says %i s from now as %j", (seconds, expected) => {
    expect(formatRelative(at(seconds), now)).toBe(expected);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [999, "999 ms"],
    [1_000, "1.00 s"],
    [9_994, "9.99 s"],
    [10_000, "10.0 s"],
    [61_250, "61.3 s"],
  ])("says %i ms as %j", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe("formatCountdown", () => {
  it("shows hours and minutes, minutes and seconds, or seconds, never below zero", () => {
    expect([-5, 0, 12.9, 249, 3_600, 3_720].map(formatCountdown)).toEqual([
      "0s",
      "0s",
      "12s",
      "4m 09s",
      "1h 00m",
      "1h 02m",
    ]);
  });
});
