// @module-tag resilience
import { describe, expect, it } from "vitest";
import { passwordProblem } from "../../src/accounts/password-strength.ts";

describe("password strength", () => {
  it.each([
    ["repeats", "aaaaaaaaaa", /Repeated characters/],
    ["a very common password", "password123", /commonly used password/],
    ["a keyboard row", "qwertyuiop", /frequently used password/],
    ["a sequence", "1234567890", /frequently used password/],
    ["a common password with a capital and digits", "Password1234", /similar to a commonly used/],
    ["the person's own email address", "ada.lovelace@example.test", /personal/],
    ["the product's name and a year", "authdeck2026", /personal or page related/],
  ])("refuses %s, saying why", async (_, password, why) => {
    const problem = await passwordProblem(password, ["Ada Lovelace", "ada.lovelace@example.test"]);
    expect(problem).toMatch(/^This password is too easy to guess\. /);
    expect(problem).toMatch(why);
  });

  it.each([["correct horse battery"], ["Tr1cky-Walrus-Orbit-47"], ["monkey-banana-42"]])(
    "accepts %s",
    async (password) => {
      expect(await passwordProblem(password, ["Ada", "ada@example.test"])).toBeNull();
    },
  );

  it("keeps the length limits", async () => {
    expect(await passwordProblem("Zx9!kq")).toBe("Use at least 10 characters");
    expect(await passwordProblem(`Zx9!kq${"v".repeat(200)}`)).toBe("Use at most 128 characters");
  });

  it("judges a long password fast: only its first 32 characters, never too kindly", async () => {
    await passwordProblem("warm up the dictionaries");
    const long = Array.from({ length: 128 }, (_, i) => "a3f9c2e81b7d4f6!Qz"[(i * 7) % 18]).join("");
    const started = performance.now();
    await passwordProblem(long);
    expect(performance.now() - started).toBeLessThan(1_000);
    // Weak at the start stays weak, whatever follows.
    expect(await passwordProblem(`${"a".repeat(40)}Tr1cky-Walrus-Orbit-47`)).toMatch(/Repeated/);
  });
});
