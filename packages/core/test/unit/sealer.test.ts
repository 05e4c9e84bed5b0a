// @module-tag resilience
import { describe, expect, it } from "vitest";
import { parseKeyRing } from "../../src/config/key-ring.ts";
import { createSealer, SealError } from "../../src/crypto/sealer.ts";

const key = (fill: number) => Buffer.alloc(32, fill).toString("base64");
const ring = (value: string) => {
  const result = parseKeyRing(value);
  if (!result.ok) throw new Error(result.error);
  return result.keyRing;
};
const here = { table: "authorization_profile", rowId: "row-1", column: "client_secret_sealed" };

describe("the sealer", () => {
  const sealer = createSealer(ring(`k1:${key(1)}`));

  it("opens what it sealed, and seals the same secret differently each time", () => {
    const a = sealer.seal("s3cr3t-ünïcode", here);
    const b = sealer.seal("s3cr3t-ünïcode", here);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain("s3cr3t");
    expect(sealer.open(a, here)).toBe("s3cr3t-ünïcode");
  });

  it.each([
    ["another row", { ...here, rowId: "row-2" }],
    ["another column", { ...here, column: "value_sealed" }],
    ["another table", { ...here, table: "token_state" }],
  ])("refuses a ciphertext moved to %s", (_, elsewhere) => {
    const sealed = sealer.seal("secret", here);
    expect(() => sealer.open(sealed, elsewhere)).toThrow(SealError);
  });

  it("refuses a tampered ciphertext", () => {
    const parts = sealer.seal("secret", here).split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => sealer.open(parts.join("."), here)).toThrow("could not be opened");
  });

  it("opens values of an older key in the ring and reports them stale", () => {
    const old = createSealer(ring(`k1:${key(1)}`)).seal("secret", here);
    const rotated = createSealer(ring(`k2:${key(2)},k1:${key(1)}`));
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.open(old, here)).toBe("secret");
    expect(rotated.isStale(rotated.seal("secret", here))).toBe(false);
  });

  it("says which key is missing once it left the ring", () => {
    const old = sealer.seal("secret", here);
    expect(() => createSealer(ring(`k2:${key(2)}`)).open(old, here)).toThrow(
      'Sealed under key "k1", which is not in AUTHDECK_SEALING_KEYS',
    );
  });
});
