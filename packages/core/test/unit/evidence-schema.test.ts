import { describe, expect, it } from "vitest";
import {
  readEvidence,
  responseHeadersSchema,
  sentRequestSchema,
  tokenFactsSchema,
} from "../../src/schemas/evidence.ts";
import { buildTokenRequest } from "../../src/tokens/build-token-request.ts";
import { tokenFacts } from "../../src/tokens/token-facts.ts";

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = `${segment({ alg: "RS256", kid: "k1" })}.${segment({ sub: "svc", exp: 1_900_000_000, aud: ["a", "b"], nested: { ok: true, none: null } })}.signature`;

// Evidence as the writer makes it, not written out by hand, so the schema is held to the writer.
const request = buildTokenRequest({
  profile: {
    tokenRequestUrl: "https://idp.example.com/token",
    clientId: "client-1",
    clientAuthMethod: "client_secret_basic",
    scopes: [{ key: "scope", value: "read" }],
    fields: [{ type: "header", key: "X-Api-Key", secret: true }],
  },
  secrets: { clientSecret: "s3cret-value", fieldValues: new Map([["header:X-Api-Key", "k"]]) },
  redact: true,
});
const facts = tokenFacts(
  { token_type: "Bearer", expires_in: 3600, scope: "read", refresh_token: "r" },
  jwt,
);
const headers = { "content-type": "application/json", "cache-control": "no-store" };

describe("run evidence schemas", () => {
  it("accept the evidence the writer makes", () => {
    expect(sentRequestSchema.parse(request)).toEqual(request);
    expect(tokenFactsSchema.parse(facts)).toEqual(facts);
    expect(facts.jwt?.claims).toMatchObject({ sub: "svc", aud: ["a", "b"] });
    expect(tokenFactsSchema.parse(tokenFacts({}, "opaque-token-value"))).toMatchObject({
      jwt: null,
      tokenType: null,
    });
    expect(responseHeadersSchema.parse(headers)).toEqual(headers);
  });

  it.each([
    ["headers as a record, not pairs", { ...request, headers: { Accept: "application/json" } }],
    ["a header pair of three", { ...request, headers: [["Accept", "a", "b"]] }],
    ["a header value that is not text", { ...request, headers: [["Accept", 1]] }],
    ["no url", { method: "POST", headers: [], body: "" }],
    ["a body that is not text", { ...request, body: { grant_type: "client_credentials" } }],
    ["not an object", "POST https://idp.example.com/token"],
  ])("refuse a request with %s", (_, malformed) => {
    expect(sentRequestSchema.safeParse(malformed).success).toBe(false);
  });

  it.each([
    ["a missing fingerprint", (({ fingerprint: _, ...rest }) => rest)(facts)],
    ["a length as text", { ...facts, length: "40" }],
    ["a negative length", { ...facts, length: -1 }],
    ["refreshTokenIssued as text", { ...facts, refreshTokenIssued: "yes" }],
    ["expiresIn as text", { ...facts, expiresIn: "3600" }],
    ["a JWT without claims", { ...facts, jwt: { header: {} } }],
    ["JWT claims as an array", { ...facts, jwt: { header: {}, claims: [1, 2] } }],
    ["a claim that is not JSON", { ...facts, jwt: { header: {}, claims: { exp: undefined } } }],
  ])("refuse token facts with %s", (_, malformed) => {
    expect(tokenFactsSchema.safeParse(malformed).success).toBe(false);
  });

  it.each([
    ["a header value that is not text", { "retry-after": 5 }],
    ["a list of headers", [["content-type", "application/json"]]],
  ])("refuse response headers with %s", (_, malformed) => {
    expect(responseHeadersSchema.safeParse(malformed).success).toBe(false);
  });
});

describe("readEvidence", () => {
  it("returns the evidence of a run that fits, and says it is available", () => {
    expect(readEvidence({ request, responseHeaders: headers, tokenFacts: facts })).toEqual({
      request,
      responseHeaders: headers,
      tokenFacts: facts,
      evidenceUnavailable: false,
    });
  });

  it("keeps absent columns absent: a run that stopped before sending has no evidence yet", () => {
    expect(readEvidence({ request: null, responseHeaders: null, tokenFacts: null })).toEqual({
      request: null,
      responseHeaders: null,
      tokenFacts: null,
      evidenceUnavailable: false,
    });
  });

  it("shows none of a run whose evidence does not fit, and says it is unavailable", () => {
    const older = { request, responseHeaders: headers, tokenFacts: { tokenType: "Bearer" } };
    expect(readEvidence(older)).toEqual({
      request: null,
      responseHeaders: null,
      tokenFacts: null,
      evidenceUnavailable: true,
    });
  });
});
