import { describe, expect, it } from "vitest";
import { bySoonest, type TimelineRow } from "./timeline-rows.ts";

const now = Date.parse("2026-12-06T10:00:00Z");
const row = (key: string, refreshIn: number | null, expiresIn: number | null): TimelineRow => ({
  key,
  label: key,
  obtainedAt: new Date(now - 60_000),
  expiresAt: expiresIn === null ? null : new Date(now + expiresIn * 1000),
  nextRefreshAt: refreshIn === null ? null : new Date(now + refreshIn * 1000),
});

describe("the timeline's order", () => {
  it("puts the token whose refresh or expiry comes next first", () => {
    const rows = [row("late", 300, 400), row("soon", 20, 400), row("expiring", null, 10)];
    expect(bySoonest(rows, now).map((r) => r.key)).toEqual(["expiring", "soon", "late"]);
  });

  it("counts only what is still ahead, and keeps tokens with nothing ahead last, in their order", () => {
    const rows = [
      row("expired b", null, -5),
      row("refresh due, expiry ahead", -1, 30),
      row("expired a", null, -50),
      row("next", 10, 40),
    ];
    expect(bySoonest(rows, now).map((r) => r.key)).toEqual([
      "next",
      "refresh due, expiry ahead",
      "expired b",
      "expired a",
    ]);
  });
});
