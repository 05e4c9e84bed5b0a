// @module-tag resilience
import { describe, expect, it } from "vitest";
import { DEFAULT_REFRESH_POLICY, planRefresh } from "../../src/tokens/refresh-plan.ts";

const obtainedAt = new Date("2026-12-01T00:00:00Z");
const after = (ms: number) => new Date(obtainedAt.getTime() + ms);
const plan = (lifetimeMs: number, shortLivedBefore = 0) =>
  planRefresh(
    { obtainedAt, expiresAt: after(lifetimeMs), shortLivedBefore },
    DEFAULT_REFRESH_POLICY,
    () => 0,
  );

describe("planRefresh", () => {
  it("plans a long-lived token as before: a fifth of its lifetime ahead", () => {
    expect(plan(3_600_000)).toEqual({
      nextRefreshAt: after(48 * 60_000),
      shortLivedCount: 0,
      refreshNote: null,
    });
    expect(plan(3_600_000, 5).shortLivedCount).toBe(0);
  });

  it("never plans a refresh sooner than 30 s after the token was obtained", () => {
    expect(plan(35_000).nextRefreshAt).toEqual(after(30_000));
    expect(plan(35_000).shortLivedCount).toBe(0);
  });

  it("doubles the wait for each token in a row that lives no longer than that, up to an hour", () => {
    expect(plan(1_000).nextRefreshAt).toEqual(after(30_000));
    expect(plan(1, 1).nextRefreshAt).toEqual(after(60_000));
    expect(plan(30_000, 2).nextRefreshAt).toEqual(after(120_000));
    expect(plan(1_000, 30).nextRefreshAt).toEqual(after(3_600_000));
    expect(plan(1_000, 2).shortLivedCount).toBe(3);
  });

  it("says why", () => {
    expect(plan(1, 2).refreshNote).toBe(
      "Tokens from this provider live 1 ms, less than the 30 s Authdeck leaves between refreshes: 3 in a row, so the next one on schedule waits 2 min. The token API still fetches one when asked.",
    );
  });
});
