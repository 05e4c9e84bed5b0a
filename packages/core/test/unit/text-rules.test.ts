// @module-tag resilience
import { describe, expect, it } from "vitest";
import {
  hasLoneSurrogate,
  nameCharacterProblem,
  replaceLoneSurrogates,
} from "../../src/schemas/text-rules.ts";

describe("name characters", () => {
  it.each([
    ["Orders API"],
    ["Überweisungen 🚀"],
    ["注文 API"],
    ["عربي"],
    ["Family 👨‍👩‍👧 API"],
    ["Pride 🏳️‍🌈"],
    ["Team 👩🏽‍💻"],
  ])("accepts %s", (name) => {
    expect(nameCharacterProblem(name, "Name")).toBeNull();
  });

  it.each([
    ["a lone high surrogate", "Orders \uD800"],
    ["a lone low surrogate", "\uDC00Orders"],
    ["a NUL", "Ord\u0000ers"],
    ["a newline", "Orders\nAPI"],
    ["a C1 control", "Orders\u0085"],
    ["a right-to-left override", "Orders \u202Egnp.exe"],
    ["a bidi isolate", "Orders \u2066x\u2069"],
    ["a zero-width space", "Orders\u200B API"],
    ["a zero-width joiner", "Orders\u200D"],
    ["a zero-width joiner between letters", "Ord\u200Ders"],
    ["a zero-width joiner after an emoji", "🚀\u200DOrders"],
    ["a byte order mark", "\uFEFFOrders"],
  ])("refuses %s", (_, name) => {
    expect(nameCharacterProblem(name, "Name")).toMatch(/^Name /);
  });

  it("tells a paired surrogate from a lone one", () => {
    expect(hasLoneSurrogate("🚀")).toBe(false);
    expect(hasLoneSurrogate("🚀".slice(0, 1))).toBe(true);
    expect(hasLoneSurrogate("🚀".slice(1))).toBe(true);
  });
});

describe("replaceLoneSurrogates", () => {
  it("replaces lone surrogates anywhere in a JSON value, keys included, and nothing else", () => {
    expect(
      replaceLoneSurrogates({ a: "x\uD800", "\uDC00": ["🚀", { b: "\\ud800 typed" }], n: 1 }),
    ).toEqual({ a: "x\uFFFD", "\uFFFD": ["🚀", { b: "\\ud800 typed" }], n: 1 });
  });
});
