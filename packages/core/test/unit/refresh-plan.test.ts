import { describe, expect, it } from "vitest";
import { nextRefreshAt, retryAt } from "../../src/tokens/refresh-plan.ts";
import { expiryOf } from "../../src/tokens/token-lifetime.ts";

const at = (iso: string) => new Date(iso);
const obtained = at("2026-01-01T00:00:00Z");

describe("nextRefreshAt", () => {
  it("refreshes a one-hour token 12 minutes ahead (20%), earlier by at most a tenth of that", () => {
    const expires = at("2026-01-01T01:00:00Z");
    expect(nextRefreshAt(obtained, expires, () => 0)).toEqual(at("2026-01-01T00:48:00Z"));
    expect(nextRefreshAt(obtained, expires, () => 1)).toEqual(at("2026-01-01T00:46:48Z"));
  });

  it("never leads by more than 15 minutes, however long the token lives", () => {
    const expires = at("2026-01-02T00:00:00Z");
    expect(nextRefreshAt(obtained, expires, () => 0)).toEqual(at("2026-01-01T23:45:00Z"));
  });

  it("refreshes a 10-second token 2 seconds ahead", () => {
    expect(nextRefreshAt(obtained, at("2026-01-01T00:00:10Z"), () => 0)).toEqual(
      at("2026-01-01T00:00:08Z"),
    );
  });
});

describe("retryAt", () => {
  const now = at("2026-01-01T00:00:00Z");
  it("backs off exponentially up to five minutes once the token has expired", () => {
    expect(retryAt(1, now, null)).toEqual(at("2026-01-01T00:00:05Z"));
    expect(retryAt(3, now, null)).toEqual(at("2026-01-01T00:00:20Z"));
    expect(retryAt(20, now, null)).toEqual(at("2026-01-01T00:05:00Z"));
  });

  it("tries again before a still-valid token expires", () => {
    expect(retryAt(20, now, at("2026-01-01T00:01:00Z"))).toEqual(at("2026-01-01T00:00:30Z"));
  });
});

describe("expiryOf", () => {
  const base = { obtainedAt: obtained, defaultLifetimeSeconds: 3300 };
  it("prefers expires_in, then the JWT exp, then the profile's default", () => {
    expect(expiryOf({ ...base, expiresIn: 60, jwtExp: null })).toEqual(at("2026-01-01T00:01:00Z"));
    expect(expiryOf({ ...base, expiresIn: null, jwtExp: obtained.getTime() / 1000 + 120 })).toEqual(
      at("2026-01-01T00:02:00Z"),
    );
    expect(expiryOf({ ...base, expiresIn: null, jwtExp: null })).toEqual(
      at("2026-01-01T00:55:00Z"),
    );
  });
});
