import { describe, expect, it } from "vitest";
import type { ProfileView, TokenView } from "./dashboard-types.ts";
import { summarizeProfile } from "./profile-summary.ts";

const now = Date.parse("2026-12-06T10:00:00Z");
const inSeconds = (s: number) => new Date(now + s * 1000);
const token = (over: Partial<TokenView>): TokenView => ({
  tenant: "",
  status: "fresh",
  obtainedAt: inSeconds(-60),
  expiresAt: inSeconds(300),
  nextRefreshAt: inSeconds(240),
  consecutiveFailures: 0,
  lastError: null,
  refreshNote: null,
  ...over,
});
const profile = (tokens: TokenView[], tenancyEnabled = false): ProfileView => ({
  id: "p1",
  name: "Ledger API",
  identityProviderName: "Acme IdP",
  autoRefresh: true,
  canRevoke: false,
  canInspect: false,
  tenancyEnabled,
  tokens,
  history: [],
});

describe("a profile's row on the Tokens page", () => {
  it("shows its one token's state, moved on by the clock, and counts down to its expiry", () => {
    const summary = summarizeProfile(profile([token({ expiresAt: inSeconds(-2) })]), now);
    // The server said fresh; two seconds past its expiry the page's clock says expired.
    expect(summary.states).toEqual([{ state: "expired", count: 1 }]);
    expect(summary.expiresAt).toEqual(inSeconds(-2));
    expect(summary.lastError).toBeNull();
  });

  it("counts tenants by state, worst first, and counts down to the soonest expiry ahead", () => {
    const summary = summarizeProfile(
      profile(
        [
          token({ tenant: "acme", expiresAt: inSeconds(100) }),
          token({ tenant: "beta", expiresAt: inSeconds(-50) }),
          token({ tenant: "gamma", expiresAt: inSeconds(40) }),
          token({
            tenant: "delta",
            status: "failing",
            consecutiveFailures: 3,
            lastError: "invalid_client: Client authentication failed",
          }),
        ],
        true,
      ),
      now,
    );
    expect(summary.states).toEqual([
      { state: "failing", count: 1 },
      { state: "expired", count: 1 },
      { state: "fresh", count: 2 },
    ]);
    expect(summary.expiresAt).toEqual(inSeconds(40));
    expect(summary.lastError).toEqual({
      text: "invalid_client: Client authentication failed",
      tenant: "delta",
      failing: 1,
    });
  });

  it("has no tenant before the first one asks, rather than a token that never was", () => {
    const summary = summarizeProfile(
      profile(
        [token({ status: "none", obtainedAt: null, expiresAt: null, nextRefreshAt: null })],
        true,
      ),
      now,
    );
    expect(summary.tokens).toEqual([]);
    expect(summary.states).toEqual([]);
    expect(summary.expiresAt).toBeNull();
  });

  it("names the token that failed most often, and how many are failing", () => {
    const summary = summarizeProfile(
      profile(
        [
          token({ tenant: "a", status: "failing", consecutiveFailures: 1, lastError: "timeout" }),
          token({ tenant: "b", status: "failing", consecutiveFailures: 4, lastError: null }),
        ],
        true,
      ),
      now,
    );
    expect(summary.lastError).toEqual({ text: "The last refresh failed", tenant: "b", failing: 2 });
  });
});
