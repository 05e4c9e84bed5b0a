/**
 * The sealing key ring: `id:base64key` entries separated by commas. The first entry seals new
 * secrets; the others still open what they sealed until a rotation re-seals it.
 */
export type SealingKey = { id: string; key: Buffer };
export type KeyRing = { active: SealingKey; all: SealingKey[] };

export const SEALING_KEY_BYTES = 32;
const KEY_ID = /^[a-z0-9-]{1,32}$/;

export function parseKeyRing(
  value: string,
): { ok: true; keyRing: KeyRing } | { ok: false; error: string } {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return { ok: false, error: "holds no key" };
  const keys: SealingKey[] = [];
  for (const entry of entries) {
    const separator = entry.indexOf(":");
    if (separator < 1) {
      return {
        ok: false,
        error: `each key must be written id:base64key (got an entry without an id)`,
      };
    }
    const id = entry.slice(0, separator);
    const encoded = entry.slice(separator + 1);
    if (!KEY_ID.test(id)) {
      return { ok: false, error: `key id "${id}" must be 1-32 lowercase letters, digits or '-'` };
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      return { ok: false, error: `key "${id}" is not base64` };
    }
    const key = Buffer.from(encoded, "base64");
    if (key.length !== SEALING_KEY_BYTES) {
      return {
        ok: false,
        error: `key "${id}" is ${key.length} bytes; AES-256-GCM needs ${SEALING_KEY_BYTES} (openssl rand -base64 32)`,
      };
    }
    if (keys.some((known) => known.id === id)) {
      return { ok: false, error: `key id "${id}" appears twice` };
    }
    keys.push({ id, key });
  }
  const [active] = keys as [SealingKey, ...SealingKey[]];
  return { ok: true, keyRing: { active, all: keys } };
}
