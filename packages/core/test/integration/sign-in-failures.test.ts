// @module-tag resilience
import { describe, expect, it } from "vitest";
import { claimSignInAttempt, forgiveSignInAttempt } from "../../src/accounts/index.ts";
import { useTestDb } from "../fixtures.ts";

const { db } = await useTestDb("signin_failures");
let clock = new Date("2026-12-06T10:00:00Z");
const deps = () => ({ db, now: () => clock });
const limit = { failures: 3, windowSeconds: 900 };

const claim = (email: string) => claimSignInAttempt(deps(), email, limit);

describe("failed sign-ins per account", () => {
  it("allows the limit, then says when the window ends; other accounts are counted apart", async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await claim("victim@example.test"));
    expect(outcomes.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(outcomes[3]).toEqual({ allowed: false, retryAfterSeconds: 900 });
    clock = new Date(clock.getTime() + 600_000);
    // The same address in other spellings is the same account.
    expect(await claim(" Victim@Example.TEST")).toEqual({ allowed: false, retryAfterSeconds: 300 });
    expect(await claim("other@example.test")).toEqual({ allowed: true });
    clock = new Date(clock.getTime() + 300_000);
    expect(await claim("victim@example.test")).toEqual({ allowed: true });
  });

  it("takes back an attempt that succeeded", async () => {
    const email = "forgiven@example.test";
    for (let i = 0; i < 3; i++) {
      expect(await claim(email)).toEqual({ allowed: true });
      await forgiveSignInAttempt(deps(), email);
    }
    expect(await claim(email)).toEqual({ allowed: true });
  });

  it("lets no more than the limit through when guesses arrive at once", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => claim("burst@example.test")),
    );
    expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(3);
  });

  it("stores no email address, and forgets windows that ended", async () => {
    const rows = await db.signInFailure.findMany();
    expect(JSON.stringify(rows)).not.toContain("example.test");
    clock = new Date(clock.getTime() + 3_600_000);
    await claim("late@example.test");
    expect(await db.signInFailure.count()).toBe(1);
  });
});
