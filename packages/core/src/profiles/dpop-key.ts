import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { Sealer } from "../crypto/sealer.ts";
import { Prisma } from "../db/generated/client.ts";
import type { DpopKey } from "../dpop/proof.ts";

/** The algorithms a DPoP key may be made for; only ES256 is made today. */
export const DPOP_ALGORITHMS = ["ES256"] as const;

/** The seal context of a profile's DPoP key: bound to its row and column. */
export const dpopKeyContext = (rowId: string) => ({
  table: "authorization_profile",
  rowId,
  column: "dpop_private_key_sealed",
});

type StoredDpop = {
  dpopAlgorithm: string;
  dpopPrivateKeySealed: string | null;
  dpopPublicJwk: unknown;
};

/**
 * The DPoP columns a save writes, and what the audit trail says. Turning DPoP on makes a key pair
 * (a stored one stays); turning it off drops the key, so turning it on again binds tokens to a
 * new key. The private JWK is sealed before it leaves this function.
 */
export async function dpopKeyColumns(options: {
  dpop: boolean;
  existing: StoredDpop | null;
  seal: (privateJwk: string) => string;
}) {
  const { existing } = options;
  if (!options.dpop) {
    return {
      columns: { dpopPrivateKeySealed: null, dpopPublicJwk: Prisma.DbNull },
      change: existing?.dpopPrivateKeySealed ? { dpopKey: "[dropped]" } : null,
    };
  }
  if (existing?.dpopPrivateKeySealed) {
    return {
      columns: {
        dpopPrivateKeySealed: existing.dpopPrivateKeySealed,
        dpopPublicJwk: (existing.dpopPublicJwk ?? Prisma.DbNull) as Prisma.InputJsonValue,
      },
      change: null,
    };
  }
  const alg = DPOP_ALGORITHMS[0];
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const { kty, crv, x, y, d } = await exportJWK(privateKey);
  const publicJwk: JWK = { kty, crv, x, y } as JWK;
  return {
    columns: {
      dpopAlgorithm: alg,
      dpopPrivateKeySealed: options.seal(JSON.stringify({ ...publicJwk, d })),
      dpopPublicJwk: publicJwk as Prisma.InputJsonValue,
    },
    change: { dpopKey: "[generated]" },
  };
}

/** The profile's DPoP key, opened here; null while DPoP is off. */
export function openDpopKey(sealer: Sealer, profile: StoredDpop & { id: string }): DpopKey | null {
  if (!profile.dpopPrivateKeySealed) return null;
  return {
    privateJwk: JSON.parse(sealer.open(profile.dpopPrivateKeySealed, dpopKeyContext(profile.id))),
    publicJwk: profile.dpopPublicJwk as JWK,
    alg: profile.dpopAlgorithm,
  };
}
