import type { JWK } from "jose";
import type { Db } from "../db/client.ts";
import { notFound } from "../errors/app-error.ts";

const JWKS_ID = /^[A-Za-z0-9_-]{22}$/;
const PUBLIC_MEMBERS = ["kty", "crv", "x", "y", "n", "e", "kid", "alg", "use"] as const;

/**
 * A private_key_jwt profile's public JWKS, for its provider to fetch: no sign-in (providers
 * fetch it anonymously), found by the profile's unguessable `jwksId` (128 random bits, not the
 * profile id, so no URL can be guessed from another). It publishes the current key and, during a
 * rotation, the next key (so the provider knows it before it signs) and the previous one (so a
 * provider's cached JWKS keeps verifying until it is retired). Only public members are served,
 * whatever the stored JWK holds; a profile with another method, or no key, is not found.
 */
export async function getPublicJwks(deps: { db: Db }, input: { jwksId: string }) {
  if (!JWKS_ID.test(input.jwksId)) throw notFound("JWKS");
  const profile = await deps.db.authorizationProfile.findUnique({
    where: { jwksId: input.jwksId },
    select: {
      clientAuthMethod: true,
      publicJwk: true,
      nextPublicJwk: true,
      previousPublicJwk: true,
    },
  });
  if (profile?.clientAuthMethod !== "private_key_jwt" || !profile.publicJwk) throw notFound("JWKS");
  const published = [profile.publicJwk, profile.nextPublicJwk, profile.previousPublicJwk];
  return { keys: published.filter((jwk) => jwk !== null).map(publicMembers) };
}

function publicMembers(jwk: unknown): JWK {
  const stored = jwk as Record<string, unknown>;
  return Object.fromEntries(
    PUBLIC_MEMBERS.filter((m) => typeof stored[m] === "string").map((m) => [m, stored[m]]),
  ) as JWK;
}
