import { decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { profileFieldsSchema } from "../../src/schemas/profile.ts";
import { buildTokenRequest } from "../../src/tokens/build-token-request.ts";
import {
  type AssertionSettings,
  assertionClaims,
  signAssertion,
} from "../../src/tokens/client-assertion.ts";

const NOW = new Date("2026-12-06T12:00:00.500Z");
const IAT = Math.floor(NOW.getTime() / 1000);
const TOKEN_URL = "https://idp.example/tenants/acme/token?api-version=2";
const settings = (overrides: Partial<AssertionSettings> = {}): AssertionSettings => ({
  clientId: "svc-client",
  assertionAudience: "token_endpoint",
  issuer: null,
  assertionLifetimeSeconds: 60,
  ...overrides,
});

describe("client assertion claims (RFC 7523 §3)", () => {
  it("name the client as iss and sub, and expire `lifetime` seconds after iat", () => {
    for (const lifetime of [1, 60, 300]) {
      const claims = assertionClaims(
        settings({ assertionLifetimeSeconds: lifetime }),
        TOKEN_URL,
        NOW,
      );
      expect(claims).toMatchObject({ iss: "svc-client", sub: "svc-client", iat: IAT });
      expect(claims.exp - claims.iat).toBe(lifetime);
      expect(claims.exp).toBeLessThanOrEqual(NOW.getTime() / 1000 + lifetime);
    }
  });

  it("name the token endpoint without its query as aud, or the issuer when chosen", () => {
    expect(assertionClaims(settings(), TOKEN_URL, NOW).aud).toBe(
      "https://idp.example/tenants/acme/token",
    );
    const issuer = settings({ assertionAudience: "issuer", issuer: "https://idp.example" });
    expect(assertionClaims(issuer, TOKEN_URL, NOW).aud).toBe("https://idp.example");
  });

  it("never repeat a jti over 10,000 assertions, each of 128 random bits", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(assertionClaims(settings(), TOKEN_URL, NOW).jti);
    expect(seen.size).toBe(10_000);
    for (const jti of [...seen].slice(0, 100))
      expect(Buffer.from(jti, "base64url")).toHaveLength(16);
  });

  it("sign HS256 with the client secret and ES256 with the private key and its kid", async () => {
    const claims = assertionClaims(settings(), TOKEN_URL, NOW);
    const secret = "s3cret-that-is-long-enough-for-hs256!!";
    const hs = await signAssertion(claims, { method: "client_secret_jwt", clientSecret: secret });
    const verified = await jwtVerify(hs, new TextEncoder().encode(secret), {
      currentDate: NOW,
    });
    expect(verified.payload).toEqual(claims);
    expect(verified.protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });

    const pair = await generateKeyPair("ES256", { extractable: true });
    const es = await signAssertion(claims, {
      method: "private_key_jwt",
      privateJwk: await exportJWK(pair.privateKey),
      alg: "ES256",
      kid: "kid-1",
    });
    expect(decodeProtectedHeader(es)).toEqual({ alg: "ES256", kid: "kid-1", typ: "JWT" });
    expect((await jwtVerify(es, pair.publicKey, { currentDate: NOW })).payload).toEqual(claims);
  });

  it("go in the body with the jwt-bearer type, masked when redacted", () => {
    const profile = {
      tokenRequestUrl: TOKEN_URL,
      clientId: "svc-client",
      clientAuthMethod: "private_key_jwt" as const,
      scopes: [],
      fields: [],
    };
    const secrets = { clientSecret: null, clientAssertion: "a.b.c", fieldValues: new Map() };
    const sent = new URLSearchParams(buildTokenRequest({ profile, secrets }).body);
    expect(Object.fromEntries(sent)).toEqual({
      grant_type: "client_credentials",
      client_id: "svc-client",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: "a.b.c",
    });
    const shown = buildTokenRequest({ profile, secrets, redact: true });
    expect(new URLSearchParams(shown.body).get("client_assertion")).toBe("********");
    expect(shown.headers.map(([name]) => name)).not.toContain("Authorization");
  });
});

describe("assertion settings in the profile form", () => {
  const form = {
    name: "P",
    identityProviderName: "IdP",
    tokenRequestUrl: "https://idp.example/token",
    clientAuthMethod: "private_key_jwt",
  };
  it("default to the token endpoint, 60 s and ES256", () => {
    expect(profileFieldsSchema.parse(form)).toMatchObject({
      assertionAudience: "token_endpoint",
      assertionLifetimeSeconds: 60,
      signingAlgorithm: "ES256",
    });
  });
  it("refuse a lifetime outside 1..300 s and an issuer audience without an Issuer", () => {
    for (const assertionLifetimeSeconds of [0, 301, 1.5]) {
      const result = profileFieldsSchema.safeParse({ ...form, assertionLifetimeSeconds });
      expect(result.error?.issues[0]?.path).toEqual(["assertionLifetimeSeconds"]);
    }
    const result = profileFieldsSchema.safeParse({ ...form, assertionAudience: "issuer" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["issuer"] });
    expect(
      profileFieldsSchema.safeParse({
        ...form,
        assertionAudience: "issuer",
        issuer: "https://idp.example",
      }).success,
    ).toBe(true);
  });
});
