import { randomBytes } from "node:crypto";
import { importJWK, type JWK, SignJWT } from "jose";

/** RFC 7523 §2.2: how the form body names the kind of assertion it carries. */
export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export type AssertionSettings = {
  clientId: string;
  assertionAudience: "token_endpoint" | "issuer";
  issuer: string | null;
  assertionLifetimeSeconds: number;
};

export type AssertionClaims = {
  iss: string;
  sub: string;
  aud: string;
  jti: string;
  iat: number;
  exp: number;
};

/** What signs an assertion: the client secret (HS256) or the profile's private key. */
export type AssertionKey =
  | { method: "client_secret_jwt"; clientSecret: string }
  | { method: "private_key_jwt"; privateJwk: JWK; alg: string; kid: string };

/**
 * The audience an assertion names. For the token endpoint: the URL the request goes to, without
 * its query string, as providers compare it with the endpoint they publish.
 */
export function assertionAudience(settings: AssertionSettings, requestUrl: string): string {
  if (settings.assertionAudience === "issuer" && settings.issuer) return settings.issuer;
  const url = new URL(requestUrl);
  url.search = "";
  url.hash = "";
  return url.toString();
}

/**
 * The claims RFC 7523 §3 asks for: the client as issuer and subject, a `jti` of 128 random bits
 * (providers refuse a replayed one), and an expiry `lifetime` seconds after issuing.
 */
export function assertionClaims(
  settings: AssertionSettings,
  requestUrl: string,
  now: Date,
): AssertionClaims {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: settings.clientId,
    sub: settings.clientId,
    aud: assertionAudience(settings, requestUrl),
    jti: randomBytes(16).toString("base64url"),
    iat,
    exp: iat + settings.assertionLifetimeSeconds,
  };
}

/** Signs the claims with jose; the key is opened by the caller just before sending. */
export async function signAssertion(claims: AssertionClaims, key: AssertionKey): Promise<string> {
  const jwt = new SignJWT({ ...claims });
  if (key.method === "client_secret_jwt") {
    return jwt
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(key.clientSecret));
  }
  const privateKey = await importJWK(key.privateJwk, key.alg);
  return jwt.setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" }).sign(privateKey);
}
