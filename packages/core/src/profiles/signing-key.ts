import { createPrivateKey, randomBytes } from "node:crypto";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from "jose";
import { Prisma } from "../db/generated/client.ts";
import { invalid } from "../errors/app-error.ts";
import type { SIGNING_ALGORITHMS } from "../schemas/profile.ts";

export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** A private_key_jwt key: the private JWK (to be sealed) and the public one the JWKS serves. */
export type SigningKey = { privateJwk: JWK; publicJwk: JWK; kid: string };

const PUBLIC_MEMBERS: Record<string, readonly string[]> = {
  EC: ["kty", "crv", "x", "y"],
  RSA: ["kty", "n", "e"],
};

/** The public half of a key with its `kid` (RFC 7638 thumbprint), `alg` and `use`. */
async function withPublicHalf(privateJwk: JWK, alg: SigningAlgorithm): Promise<SigningKey> {
  const members = PUBLIC_MEMBERS[privateJwk.kty ?? ""] ?? [];
  const bare = Object.fromEntries(
    members.map((m) => [m, (privateJwk as Record<string, unknown>)[m]]),
  ) as JWK;
  const kid = await calculateJwkThumbprint(bare, "sha256");
  return {
    privateJwk: { ...bare, d: privateJwk.d, ...rsaPrivateMembers(privateJwk), kid, alg },
    publicJwk: { ...bare, kid, alg, use: "sig" },
    kid,
  };
}

const rsaPrivateMembers = (jwk: JWK) =>
  jwk.kty === "RSA" ? { p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi } : {};

/** A new key pair made here: P-256 for ES256, RSA 2048 for RS256 and PS256. */
export async function generateSigningKey(alg: SigningAlgorithm): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  return withPublicHalf(await exportJWK(privateKey), alg);
}

/**
 * An uploaded private key, PEM (PKCS#8, SEC1 or PKCS#1) or JWK, checked by signing with it: a
 * malformed key, a public key or one that does not fit the algorithm (a curve other than P-256
 * for ES256, an EC key for RS256, RSA under 2048 bits) is a field error at `privateKey`.
 */
export async function parseUploadedKey(text: string, alg: SigningAlgorithm): Promise<SigningKey> {
  let jwk: JWK;
  try {
    jwk = text.startsWith("{")
      ? (JSON.parse(text) as JWK)
      : (createPrivateKey({ key: text, format: "pem" }).export({ format: "jwk" }) as JWK);
  } catch {
    throw invalid({ privateKey: "Not a private key: paste a PEM private key or a private JWK" });
  }
  if (typeof jwk !== "object" || jwk === null || !jwk.d) {
    throw invalid({ privateKey: "This is not a private key (it has no private part)" });
  }
  try {
    const key = await importJWK({ ...jwk, alg }, alg);
    await new SignJWT({}).setProtectedHeader({ alg }).sign(key);
  } catch {
    throw invalid({ privateKey: `This key does not fit ${alg}: ${KEY_FOR[alg]}` });
  }
  return withPublicHalf(jwk, alg);
}

const KEY_FOR: Record<SigningAlgorithm, string> = {
  ES256: "it needs an EC key on the P-256 curve",
  RS256: "it needs an RSA key of 2048 bits or more",
  PS256: "it needs an RSA key of 2048 bits or more",
};

/** The unguessable path segment of a JWKS URL: 128 random bits, unrelated to the profile id. */
export const newJwksId = () => randomBytes(16).toString("base64url");

type StoredKey = {
  signingAlgorithm: string;
  privateKeySealed: string | null;
  publicJwk: unknown;
  jwksId: string | null;
  keyAddedAt: Date | null;
  nextPublicJwk?: unknown;
  previousPublicJwk?: unknown;
};

/**
 * What a key replaced in the dialog leaves of a rotation: nothing. A next key made for another
 * algorithm could not sign, and after a move to another origin no old key may sign again.
 */
const NO_ROTATION = {
  nextPrivateKeySealed: null,
  nextPublicJwk: Prisma.DbNull,
  nextKeyAddedAt: null,
  previousPrivateKeySealed: null,
  previousPublicJwk: Prisma.DbNull,
  previousKeyAddedAt: null,
} as const;

/**
 * The key columns a save writes, and what the audit trail says of the key. For private_key_jwt:
 * an uploaded key replaces the stored one; without one, the stored key stays while the algorithm
 * does, and a new pair is generated otherwise (none stored, or another algorithm chosen). The
 * JWKS URL, once given, stays the same, unless the token URLs moved to another origin: then the
 * stored key is never used again and the JWKS URL is new too. An assertion signed with the old
 * key, or with a new key the provider would fetch from the old JWKS URL, sent to the new origin
 * could be replayed at the real provider (with the issuer as its audience it would pass); a
 * client secret moved the same way has to be entered again, and a key cannot be.
 * Other methods leave a stored key as it is (unused).
 */
export async function signingKeyColumns(options: {
  profile: { clientAuthMethod: string; signingAlgorithm: SigningAlgorithm; privateKey?: string };
  existing: StoredKey | null;
  seal: (privateJwk: string) => string;
  /** The Token Request URL or Refresh Token URL now points outside the saved origins. */
  movedOrigin?: boolean;
  now: Date;
}) {
  const { profile, existing } = options;
  const kept = {
    privateKeySealed: existing?.privateKeySealed ?? null,
    publicJwk: (existing?.publicJwk ?? null) as JWK | null,
    jwksId: existing?.jwksId ?? null,
    keyAddedAt: existing?.keyAddedAt ?? null,
  };
  if (profile.clientAuthMethod !== "private_key_jwt") return { columns: kept, change: null };
  const stays =
    !options.movedOrigin &&
    profile.privateKey === undefined &&
    kept.privateKeySealed !== null &&
    existing?.signingAlgorithm === profile.signingAlgorithm;
  if (stays) return { columns: kept, change: null };
  const key = profile.privateKey
    ? await parseUploadedKey(profile.privateKey, profile.signingAlgorithm)
    : await generateSigningKey(profile.signingAlgorithm);
  return {
    columns: {
      privateKeySealed: options.seal(JSON.stringify(key.privateJwk)),
      publicJwk: key.publicJwk,
      jwksId: options.movedOrigin ? newJwksId() : (kept.jwksId ?? newJwksId()),
      keyAddedAt: options.now,
      ...NO_ROTATION,
    },
    change: {
      privateKey: profile.privateKey ? "[uploaded]" : "[generated]",
      keyId: key.kid,
      ...(options.movedOrigin && kept.jwksId ? { jwksUrl: "[new]" } : {}),
      ...(existing?.nextPublicJwk || existing?.previousPublicJwk
        ? { rotationKeys: "[dropped]" }
        : {}),
    },
  };
}

/** The kid of a stored public JWK, or null. */
export const publicKeyId = (publicJwk: unknown): string | null =>
  typeof publicJwk === "object" && publicJwk !== null && "kid" in publicJwk
    ? String(publicJwk.kid)
    : null;

/** Where a profile keeps each of its keys in rotation: the sealed private half's column. */
export const KEY_COLUMNS = {
  current: "private_key_sealed",
  next: "next_private_key_sealed",
  previous: "previous_private_key_sealed",
} as const;
export type KeyRole = keyof typeof KEY_COLUMNS;

/** The seal context of a profile's private key: bound to its row and column. */
export const privateKeyContext = (rowId: string, role: KeyRole = "current") => ({
  table: "authorization_profile",
  rowId,
  column: KEY_COLUMNS[role],
});
