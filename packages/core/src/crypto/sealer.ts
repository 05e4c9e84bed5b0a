import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "../config/key-ring.ts";

/** Where a sealed value lives. It is bound into the ciphertext, so a value copied elsewhere fails to open. */
export type SealContext = { table: string; rowId: string; column: string };

export type Sealer = {
  seal(plaintext: string, context: SealContext): string;
  open(sealed: string, context: SealContext): string;
  /** Whether a value was sealed under a key other than the active one. */
  isStale(sealed: string): boolean;
  activeKeyId: string;
};

export class SealError extends Error {
  override name = "SealError";
}

const VERSION = "v1";
const IV_BYTES = 12;

const associatedData = (context: SealContext) =>
  Buffer.from(`authdeck:${VERSION}:${context.table}:${context.rowId}:${context.column}`, "utf8");

/**
 * AES-256-GCM under the ring's active key. Format: `v1.<keyId>.<iv>.<ciphertext>.<tag>` in
 * base64url, so the key that sealed a value is visible without opening it.
 */
export function createSealer(keyRing: KeyRing): Sealer {
  const keys = new Map(keyRing.all.map((k) => [k.id, k.key]));
  return {
    activeKeyId: keyRing.active.id,
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", keyRing.active.key, iv);
      cipher.setAAD(associatedData(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [
        VERSION,
        keyRing.active.id,
        iv.toString("base64url"),
        ciphertext.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
      ].join(".");
    },
    open(sealed, context) {
      const [version, keyId, iv, ciphertext, tag] = sealed.split(".");
      if (version !== VERSION || !keyId || iv === undefined || ciphertext === undefined || !tag) {
        throw new SealError("Not a sealed value");
      }
      const key = keys.get(keyId);
      if (!key)
        throw new SealError(`Sealed under key "${keyId}", which is not in AUTHDECK_SEALING_KEYS`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(associatedData(context));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, "base64url")),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        // Never say more: the reason could help someone probing ciphertexts.
        throw new SealError(`A sealed ${context.column} could not be opened`);
      }
    },
    isStale(sealed) {
      return sealed.split(".", 2)[1] !== keyRing.active.id;
    },
  };
}
