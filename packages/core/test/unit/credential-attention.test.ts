import { describe, expect, it } from "vitest";
import {
  type CredentialFacts,
  expiryFlag,
  flagsOf,
  rankByAttention,
} from "../../src/inventory/attention.ts";

const now = new Date("2026-12-07T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(now.getTime() + days * DAY);

/** Healthy, used yesterday, no expiry: needs nothing. */
const base = (name: string, facts: Partial<CredentialFacts> = {}): CredentialFacts => ({
  name,
  expiresAt: null,
  lastTokenAt: inDays(-1),
  lastUsedAt: inDays(-1),
  refreshFailing: false,
  healthFailing: false,
  createdAt: inDays(-400),
  ...facts,
});

describe("expiryFlag", () => {
  it("says nothing beyond 30 days, or without an expiry", () => {
    expect(expiryFlag(null, now)).toBeNull();
    expect(expiryFlag(inDays(30.5), now)).toBeNull();
    expect(expiryFlag(inDays(45), now)).toBeNull();
  });

  it("warns from 30 days, more urgently from 7 and from 1", () => {
    expect(expiryFlag(inDays(30), now)).toEqual({
      kind: "expiring",
      label: "Expires in 30 days",
      days: 30,
      threshold: 30,
    });
    expect(expiryFlag(inDays(8), now)).toMatchObject({ days: 8, threshold: 30 });
    expect(expiryFlag(inDays(7), now)).toMatchObject({ days: 7, threshold: 7 });
    expect(expiryFlag(inDays(2), now)).toMatchObject({ days: 2, threshold: 7 });
    expect(expiryFlag(inDays(1), now)).toEqual({
      kind: "expiring",
      label: "Expires in 1 day",
      days: 1,
      threshold: 1,
    });
    // Under a day left still reads as one day, never "0 days".
    expect(expiryFlag(new Date(now.getTime() + 60_000), now)).toMatchObject({
      label: "Expires in 1 day",
      threshold: 1,
    });
  });

  it("says Expired at and after the moment", () => {
    expect(expiryFlag(now, now)).toEqual({ kind: "expired", label: "Expired" });
    expect(expiryFlag(inDays(-3), now)).toEqual({ kind: "expired", label: "Expired" });
  });
});

describe("flagsOf", () => {
  it("flags a failing refresh or health check as Failing", () => {
    expect(flagsOf(base("a", { refreshFailing: true }), now)).toEqual([
      { kind: "failing", label: "Failing" },
    ]);
    expect(flagsOf(base("a", { healthFailing: true }), now)).toEqual([
      { kind: "failing", label: "Failing" },
    ]);
  });

  it("flags as Stale after 90 days without a token or a use, counting from creation", () => {
    const idle = { lastTokenAt: inDays(-91), lastUsedAt: null };
    expect(flagsOf(base("a", idle), now)).toEqual([{ kind: "stale", label: "Stale" }]);
    expect(flagsOf(base("a", { ...idle, lastUsedAt: inDays(-89) }), now)).toEqual([]);
    // Never used, but made last week: not stale yet.
    const young = { lastTokenAt: null, lastUsedAt: null, createdAt: inDays(-7) };
    expect(flagsOf(base("a", young), now)).toEqual([]);
    expect(flagsOf(base("a", { ...young, createdAt: inDays(-90) }), now)).toEqual([
      { kind: "stale", label: "Stale" },
    ]);
  });

  it("keeps every flag that applies, the expiry first", () => {
    const facts = base("a", {
      expiresAt: inDays(3),
      healthFailing: true,
      lastTokenAt: null,
      lastUsedAt: null,
    });
    expect(flagsOf(facts, now).map((f) => f.label)).toEqual([
      "Expires in 3 days",
      "Failing",
      "Stale",
    ]);
  });
});

describe("rankByAttention", () => {
  it("puts expiries first (soonest first), then failing refresh, failing health, stale, the rest", () => {
    const items = [
      base("rest, far expiry", { expiresAt: inDays(200) }),
      base("rest"),
      base("stale", { lastTokenAt: null, lastUsedAt: null }),
      base("health failing", { healthFailing: true }),
      base("refresh failing", { refreshFailing: true }),
      base("expires in 20 days", { expiresAt: inDays(20) }),
      base("expired", { expiresAt: inDays(-2) }),
      base("expires in 2 days", { expiresAt: inDays(2), refreshFailing: true }),
    ];
    expect(rankByAttention(items, now).map((i) => i.name)).toEqual([
      "expired",
      "expires in 2 days",
      "expires in 20 days",
      "refresh failing",
      "health failing",
      "stale",
      "rest, far expiry",
      "rest",
    ]);
  });

  it("orders equals by name and leaves its input as it was", () => {
    const items = [base("b"), base("a"), base("c")];
    expect(rankByAttention(items, now).map((i) => i.name)).toEqual(["a", "b", "c"]);
    expect(items.map((i) => i.name)).toEqual(["b", "a", "c"]);
  });
});
