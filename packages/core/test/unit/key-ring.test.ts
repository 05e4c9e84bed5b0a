import { describe, expect, it } from "vitest";
import { parseKeyRing } from "../../src/config/key-ring.ts";

const key = (bytes: number) => Buffer.alloc(bytes, 7).toString("base64");

describe("parseKeyRing", () => {
  it("takes the first key as the active one and keeps the rest for opening", () => {
    const result = parseKeyRing(`k2:${key(32)}, k1:${key(32)}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.keyRing.active.id).toBe("k2");
    expect(result.keyRing.all.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(result.keyRing.active.key).toHaveLength(32);
  });

  it.each([
    [`k1:${key(31)}`, 'key "k1" is 31 bytes; AES-256-GCM needs 32'],
    [`k1:${key(33)}`, 'key "k1" is 33 bytes'],
    [key(32), "each key must be written id:base64key"],
    [`K 1:${key(32)}`, 'key id "K 1" must be'],
    [`k1:not base64!`, 'key "k1" is not base64'],
    [`k1:${key(32)},k1:${key(32)}`, 'key id "k1" appears twice'],
    ["  ,  ", "holds no key"],
  ])("refuses %s", (value, message) => {
    const result = parseKeyRing(value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(message);
  });
});
