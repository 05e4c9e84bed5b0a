import { describe, expect, it } from "vitest";
import { assertionClaims } from "../../src/tokens/client-assertion.ts";
import {
  CLOCK_SKEW_NOTICE_SECONDS,
  clockSkewWarning,
  providerClockSkewSeconds,
} from "../../src/tokens/clock-skew.ts";

const NOW = new Date("2026-12-07T12:00:00.900Z");
const dateHeader = (offsetSeconds: number) => ({
  date: new Date(NOW.getTime() + offsetSeconds * 1000).toUTCString(),
});
const assertion = { assertionLifetimeSeconds: 60, dpop: false };

describe("the provider's clock, read from its Date header", () => {
  it("is compared in whole seconds, ahead positive and behind negative", () => {
    expect(providerClockSkewSeconds(dateHeader(0), NOW)).toBe(0);
    expect(providerClockSkewSeconds(dateHeader(45), NOW)).toBe(45);
    expect(providerClockSkewSeconds(dateHeader(-3600), NOW)).toBe(-3600);
  });

  it("is unknown without a readable Date header", () => {
    expect(providerClockSkewSeconds({}, NOW)).toBeNull();
    expect(providerClockSkewSeconds({ date: "yesterday-ish" }, NOW)).toBeNull();
  });
});

describe("the clock skew warning", () => {
  it("stays quiet below the notice threshold, either way", () => {
    for (const offset of [
      0,
      1,
      -1,
      CLOCK_SKEW_NOTICE_SECONDS - 1,
      -(CLOCK_SKEW_NOTICE_SECONDS - 1),
    ]) {
      expect(clockSkewWarning(dateHeader(offset), NOW, assertion)).toBeNull();
    }
  });

  it("speaks from the threshold on, naming direction and size", () => {
    expect(clockSkewWarning(dateHeader(CLOCK_SKEW_NOTICE_SECONDS), NOW, assertion)).toMatch(
      /^The provider's clock is 10 s ahead of Authdeck's \(its Date header\): client assertions carry Authdeck's time, so the provider may judge them old or expired\./,
    );
    expect(clockSkewWarning(dateHeader(-300), NOW, assertion)).toMatch(
      /clock is 5 min behind Authdeck's .* may judge them issued in the future/,
    );
    expect(clockSkewWarning(dateHeader(-7 * 3600), NOW, assertion)).toMatch(/7 h behind/);
  });

  it("says the assertion arrives expired when the provider is ahead by its lifetime or more", () => {
    expect(clockSkewWarning(dateHeader(59), NOW, assertion)).toContain("old or expired");
    expect(clockSkewWarning(dateHeader(60), NOW, assertion)).toContain(
      "an assertion with a lifetime of 60 s has expired by the provider's clock when it arrives",
    );
  });

  it("concerns only runs that signed something: an assertion, a DPoP proof, or both", () => {
    const far = dateHeader(600);
    expect(clockSkewWarning(far, NOW, { assertionLifetimeSeconds: null, dpop: false })).toBeNull();
    expect(clockSkewWarning(far, NOW, { assertionLifetimeSeconds: null, dpop: true })).toContain(
      ": DPoP proofs carry",
    );
    expect(clockSkewWarning(far, NOW, { assertionLifetimeSeconds: 60, dpop: true })).toContain(
      "client assertions and DPoP proofs carry",
    );
  });

  it("goes with claims on the worker's clock, unshifted: exp - iat is the lifetime setting", () => {
    const claims = assertionClaims(
      {
        clientId: "c",
        assertionAudience: "token_endpoint",
        issuer: null,
        assertionLifetimeSeconds: 60,
      },
      "https://idp.example/token",
      NOW,
    );
    expect(claims.exp - claims.iat).toBe(60);
    // A provider 90 s ahead reads it as expired 30 s ago; the warning says so.
    expect(clockSkewWarning(dateHeader(90), NOW, assertion)).toContain("has expired");
  });
});
