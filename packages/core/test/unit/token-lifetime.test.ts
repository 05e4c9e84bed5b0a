// @module-tag resilience
import { describe, expect, it } from "vitest";
import {
  expiryOf,
  lifetimeWarning,
  MAX_TOKEN_LIFETIME_SECONDS,
} from "../../src/tokens/token-lifetime.ts";

const obtainedAt = new Date("2026-12-01T00:00:00Z");
const aYearLater = new Date(obtainedAt.getTime() + MAX_TOKEN_LIFETIME_SECONDS * 1000);
const base = { obtainedAt, jwtExp: null, defaultLifetimeSeconds: 3300 };
const facts = (expiresIn: number | null, exp?: unknown) => ({
  expiresIn,
  jwt: exp === undefined ? null : { header: {}, claims: { exp } },
});

describe("expiryOf", () => {
  it.each([8.64e12, 1e13, 1e300, Number.MAX_VALUE])(
    "cuts expires_in %d s to one year, a valid date",
    (expiresIn) => {
      expect(expiryOf({ ...base, expiresIn })).toEqual(aYearLater);
    },
  );

  it("cuts a JWT exp of 1e300 to one year", () => {
    expect(expiryOf({ ...base, expiresIn: null, jwtExp: 1e300 })).toEqual(aYearLater);
  });

  it("keeps a lifetime of a year or less as the provider said", () => {
    expect(expiryOf({ ...base, expiresIn: MAX_TOKEN_LIFETIME_SECONDS })).toEqual(aYearLater);
    expect(expiryOf({ ...base, expiresIn: 0.001 })).toEqual(new Date(obtainedAt.getTime() + 1));
  });
});

describe("lifetimeWarning", () => {
  it("says when expires_in was cut", () => {
    expect(lifetimeWarning(facts(1e13), obtainedAt)).toBe(
      "expires_in is 10000000000000 s, more than a year: Authdeck treats the token as expiring one year after it was obtained",
    );
  });

  it("says when a JWT exp was cut, if there is no expires_in", () => {
    expect(lifetimeWarning(facts(null, 1e300), obtainedAt)).toContain("The JWT's exp is more");
    expect(lifetimeWarning(facts(60, 1e300), obtainedAt)).toBeNull();
  });

  it("says nothing about sane lifetimes", () => {
    expect(lifetimeWarning(facts(3600), obtainedAt)).toBeNull();
    expect(lifetimeWarning(facts(null, obtainedAt.getTime() / 1000 + 3600), obtainedAt)).toBeNull();
    expect(lifetimeWarning(facts(null, "soon"), obtainedAt)).toBeNull();
  });
});
