import { createHash, randomBytes } from "node:crypto";
import { importJWK, type JWK, SignJWT } from "jose";
import { REDACTED } from "../tokens/build-token-request.ts";

/** A profile's DPoP key, opened at the moment of use. */
export type DpopKey = { privateJwk: JWK; publicJwk: JWK; alg: string };

/**
 * The DPoP header as runs, kept calls and previews show it: a proof is a credential for as long
 * as the server accepts it, so what is kept says only that one was sent.
 */
export const PROOF_SHOWN: [string, string] = ["DPoP", REDACTED];

/** RFC 9449 §4.2: `htu` is the target URI without query and fragment. */
export function proofTarget(url: string): string {
  const target = new URL(url);
  target.search = "";
  target.hash = "";
  return target.toString();
}

/** RFC 9449 §4.2: `ath` is the base64url SHA-256 of the access token's ASCII. */
export const accessTokenHash = (accessToken: string) =>
  createHash("sha256").update(accessToken, "ascii").digest("base64url");

export type ProofClaims = {
  jti: string;
  htm: string;
  htu: string;
  iat: number;
  nonce?: string;
  ath?: string;
};

/** The claims of one proof: a new jti each time, since servers refuse a jti seen before. */
export function proofClaims(options: {
  method: string;
  url: string;
  now: Date;
  nonce?: string | null | undefined;
  accessToken?: string | undefined;
}): ProofClaims {
  return {
    jti: randomBytes(16).toString("base64url"),
    htm: options.method.toUpperCase(),
    htu: proofTarget(options.url),
    iat: Math.floor(options.now.getTime() / 1000),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.accessToken === undefined ? {} : { ath: accessTokenHash(options.accessToken) }),
  };
}

/** A DPoP proof JWT: its header carries the public key the server binds the token to. */
export async function signProof(claims: ProofClaims, key: DpopKey): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, key.alg);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ typ: "dpop+jwt", alg: key.alg, jwk: key.publicJwk })
    .sign(privateKey);
}

/**
 * The nonce a server asks for (RFC 9449 §8 and §9): a token endpoint answers 400 with
 * `error=use_dpop_nonce`, a resource server 401 with that error in `WWW-Authenticate: DPoP`;
 * either way the nonce comes in `DPoP-Nonce`. Null when the answer asks for none.
 */
export function askedNonce(answer: {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}): string | null {
  const nonce = headerOf(answer.headers, "dpop-nonce");
  if (!nonce) return null;
  if (answer.status === 400) {
    try {
      return (JSON.parse(answer.body) as { error?: unknown }).error === "use_dpop_nonce"
        ? nonce
        : null;
    } catch {
      return null;
    }
  }
  if (answer.status === 401) {
    const challenge = headerOf(answer.headers, "www-authenticate") ?? "";
    return /^\s*DPoP\b/i.test(challenge) && /error\s*=\s*"?use_dpop_nonce"?/.test(challenge)
      ? nonce
      : null;
  }
  return null;
}

const headerOf = (headers: Readonly<Record<string, string>>, name: string) =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
