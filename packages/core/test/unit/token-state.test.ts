import { describe, expect, it } from "vitest";
import { TOKEN_STATES, tokenStateAt, tokenStateNow } from "../../src/shared/token-state.ts";

const now = new Date("2026-12-06T12:00:00Z");
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 60_000);

describe("tokenStateAt", () => {
  it("says none for no row, and for a row that never held a token", () => {
    expect(tokenStateAt(null, now)).toBe("none");
    for (const status of ["refreshing", "expired", "fresh"]) {
      expect(tokenStateAt({ status, expiresAt: null, hasToken: false }, now)).toBe("none");
    }
  });

  it("says expired for a token past its expiry whatever the row says", () => {
    expect(tokenStateAt({ status: "fresh", expiresAt: earlier, hasToken: true }, now)).toBe(
      "expired",
    );
  });

  it("puts a refresh under way and a failing refresh before the token's age", () => {
    const leased = { status: "fresh", expiresAt: later, hasToken: true, leaseUntil: later };
    expect(tokenStateAt(leased, now)).toBe("refreshing");
    expect(tokenStateAt({ status: "failing", expiresAt: later, hasToken: true }, now)).toBe(
      "failing",
    );
  });
});

describe("tokenStateNow", () => {
  it("moves a fresh token to expired once the clock passes its expiry, and nothing else", () => {
    expect(tokenStateNow("fresh", later, now)).toBe("fresh");
    expect(tokenStateNow("fresh", now, now)).toBe("expired");
    for (const state of TOKEN_STATES.filter((s) => s !== "fresh")) {
      expect(tokenStateNow(state, earlier, now)).toBe(state);
    }
  });
});
