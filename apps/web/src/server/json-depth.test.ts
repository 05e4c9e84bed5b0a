import { describe, expect, it } from "vitest";
import { nestedDeeperThan } from "./json-depth.ts";

/** `levels` arrays, one inside the next, around `inner`. */
const nested = (levels: number, inner: unknown = 1): unknown => {
  let value = inner;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe("nestedDeeperThan", () => {
  it("counts only objects and arrays as levels", () => {
    expect(nestedDeeperThan("text", 0)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({}, 1)).toBe(false);
  });

  it("allows exactly maxDepth levels and refuses one more", () => {
    expect(nestedDeeperThan(nested(5), 5)).toBe(false);
    expect(nestedDeeperThan(nested(6), 5)).toBe(true);
  });

  it("finds the deep branch among shallow ones, in objects and arrays alike", () => {
    // The root, c, d, three arrays and { f }: seven levels.
    const value = { a: 1, b: [2, 3], c: { d: { e: nested(3, { f: 4 }) } } };
    expect(nestedDeeperThan(value, 7)).toBe(false);
    expect(nestedDeeperThan(value, 6)).toBe(true);
  });

  it("walks 20,000 levels without overflowing the stack", () => {
    expect(nestedDeeperThan(nested(20_000), 64)).toBe(true);
    expect(nestedDeeperThan(nested(20_000), 20_000)).toBe(false);
  });
});
