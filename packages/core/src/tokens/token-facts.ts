import { createHash } from "node:crypto";
import { type JwtView, jwtViewSchema, type TokenFacts } from "../schemas/evidence.ts";

export type { JwtView, TokenFacts };

/** A segment that decodes to a JSON object, or null. */
const decodeSegment = (segment: string): JwtView["claims"] | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    const parsed = jwtViewSchema.shape.claims.safeParse(value);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

export function decodeJwt(token: string): JwtView | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const header = decodeSegment(parts[0] ?? "");
  const claims = decodeSegment(parts[1] ?? "");
  return header && claims ? { header, claims } : null;
}

export const fingerprintOf = (token: string) =>
  createHash("sha256").update(token).digest("hex").slice(0, 16);

export function tokenFacts(answer: Record<string, unknown>, accessToken: string): TokenFacts {
  const expires = Number(answer.expires_in);
  return {
    tokenType: typeof answer.token_type === "string" ? answer.token_type : null,
    expiresIn: answer.expires_in !== undefined && Number.isFinite(expires) ? expires : null,
    grantedScope: typeof answer.scope === "string" ? answer.scope : null,
    refreshTokenIssued: typeof answer.refresh_token === "string" && answer.refresh_token.length > 0,
    jwt: decodeJwt(accessToken),
    prefix: accessToken.slice(0, Math.min(8, Math.floor(accessToken.length / 4))),
    length: accessToken.length,
    fingerprint: fingerprintOf(accessToken),
  };
}
