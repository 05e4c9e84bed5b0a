import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/index.ts";
import { createProfile, fetchProviderMetadata } from "../../src/profiles/index.ts";
import { type ProfileFieldsInput, profileFieldsSchema } from "../../src/schemas/index.ts";
import { inspectToken, revokeProfileTokens, revokeToken } from "../../src/tokens/index.ts";
import { appErrorOf, createTeamWithMembers } from "../fixtures.ts";
import {
  openTokenRunKit,
  QUICK_LIMITS,
  queueRun,
  runQueued,
  type TokenRunKit,
} from "../token-runs.ts";

const SECRET = "discovery-canary-7c3f";
// client_secret_jwt signs HS256 with it: at least 32 bytes.
const JWT_SECRET = "discovery-jwt-canary-0e9b5d2a41c7f3e8";
// The provider and the test servers listen on 127.0.0.1, which only an operator's rule opens.
const egress = { egressAllow: ["127.0.0.0/8"], egressTeamMayAllow: [] as string[] };

let kit: TokenRunKit;
let provider: OidcTestProvider;
const servers: Server[] = [];

beforeAll(async () => {
  kit = await openTokenRunKit("discovery");
  provider = await startOidcProvider({
    clients: [
      {
        clientId: "basic-client",
        clientSecret: SECRET,
        authMethod: "client_secret_basic",
        scope: "api:read",
      },
      {
        clientId: "jwt-client",
        clientSecret: JWT_SECRET,
        authMethod: "client_secret_jwt",
        scope: "api:read",
      },
    ],
    introspection: true,
  });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await provider?.close();
  await kit?.close();
});

/** A real HTTP server answering every request with `answer`; returns its origin. */
async function serve(
  answer: (body: string, path: string) => { status: number; body: string },
): Promise<string> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const out = answer(body, req.url ?? "");
      res.writeHead(out.status, { "content-type": "application/json" });
      res.end(out.body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const deps = () => ({
  db: kit.db,
  sealer: kit.sealer,
  now: () => new Date(),
  ...egress,
  sendLimits: QUICK_LIMITS,
});

async function team() {
  const made = await createTeamWithMembers(deps(), `Team ${Math.random().toString(36).slice(2)}`);
  const app = await createApp(deps(), await made.as("admin"), { name: "assistant" });
  return { ...made, appId: app.id };
}

/** A profile saved with what the metadata said, and a token obtained by a real Test. */
async function profileWithToken(overrides: Partial<ProfileFieldsInput> = {}) {
  const t = await team();
  const editor = await t.as("editor");
  const found = await fetchProviderMetadata(deps(), editor, {
    appId: t.appId,
    issuer: provider.url,
  });
  if (!found.ok) throw new Error(found.problem);
  const { metadata } = found;
  const created = await createProfile(deps(), editor, {
    appId: t.appId,
    autoRefresh: false,
    profile: profileFieldsSchema.parse({
      name: "Discovered",
      identityProviderName: "oidc-provider",
      clientId: "basic-client",
      clientSecret: SECRET,
      issuer: provider.url,
      tokenRequestUrl: metadata.tokenEndpoint,
      revocationEndpoint: metadata.revocationEndpoint ?? undefined,
      introspectionEndpoint: metadata.introspectionEndpoint ?? undefined,
      providerAuthMethods: metadata.tokenEndpointAuthMethods,
      scopes: [{ key: "scope", value: "api:read" }],
      ...overrides,
    }),
  });
  const saved = { member: editor, appId: t.appId, profileId: created.id, teamId: t.team.id };
  const { run } = await runQueued(kit, await queueRun(kit, saved), egress);
  return { ...t, editor, ref: { appId: t.appId, profileId: created.id }, run };
}

describe("Fetch metadata", () => {
  it("reads the provider's RFC 8414 metadata and gives its endpoints and methods", async () => {
    const t = await team();
    const result = await fetchProviderMetadata(deps(), await t.as("editor"), {
      appId: t.appId,
      issuer: provider.url,
    });
    expect(result).toEqual({
      ok: true,
      metadata: expect.objectContaining({
        metadataUrl: `${provider.url}/.well-known/oauth-authorization-server`,
        issuer: provider.url,
        tokenEndpoint: provider.tokenUrl,
        revocationEndpoint: `${provider.url}/token/revocation`,
        introspectionEndpoint: `${provider.url}/token/introspection`,
        dpopSigningAlgs: expect.arrayContaining(["ES256"]),
        tokenEndpointAuthMethods: expect.arrayContaining([
          "client_secret_basic",
          "private_key_jwt",
        ]),
      }),
    });
  });

  it("falls back to the OpenID Connect configuration when there is no RFC 8414 document", async () => {
    let origin = "";
    origin = await serve((_body, path) =>
      path === "/.well-known/openid-configuration"
        ? {
            status: 200,
            body: JSON.stringify({ issuer: origin, token_endpoint: `${origin}/oauth/token` }),
          }
        : { status: 404, body: "{}" },
    );
    const t = await team();
    const result = await fetchProviderMetadata(deps(), await t.as("editor"), {
      appId: t.appId,
      issuer: origin,
    });
    expect(result).toEqual({
      ok: true,
      metadata: {
        metadataUrl: `${origin}/.well-known/openid-configuration`,
        issuer: origin,
        tokenEndpoint: `${origin}/oauth/token`,
        tokenEndpointAuthMethods: [],
        dpopSigningAlgs: [],
        revocationEndpoint: null,
        introspectionEndpoint: null,
      },
    });
  });

  it("refuses metadata naming another issuer (RFC 8414 §3.3)", async () => {
    const origin = await serve(() => ({
      status: 200,
      body: JSON.stringify({
        issuer: "https://attacker.example",
        token_endpoint: "https://attacker.example/token",
      }),
    }));
    const t = await team();
    const result = await fetchProviderMetadata(deps(), await t.as("editor"), {
      appId: t.appId,
      issuer: origin,
    });
    expect(result).toMatchObject({ ok: false, status: 200 });
    if (result.ok) return;
    expect(result.problem).toContain('names the issuer "https://attacker.example"');
    expect(result.problem).toContain("not used");
  });

  it("says what the provider answered when neither document is there", async () => {
    const origin = await serve(() => ({ status: 404, body: '{"error":"not_found"}' }));
    const t = await team();
    const result = await fetchProviderMetadata(deps(), await t.as("editor"), {
      appId: t.appId,
      issuer: origin,
    });
    expect(result).toEqual({
      ok: false,
      problem: expect.stringContaining("the provider answered 404"),
      metadataUrl: `${origin}/.well-known/openid-configuration`,
      status: 404,
      body: '{"error":"not_found"}',
    });
  });

  it("goes through the egress guard: loopback is refused without the operator's rule", async () => {
    const t = await team();
    const result = await fetchProviderMetadata(
      { ...deps(), egressAllow: [] },
      await t.as("editor"),
      { appId: t.appId, issuer: provider.url },
    );
    expect(result).toMatchObject({ ok: false, status: null });
  });

  it("is refused to a viewer and to another team", async () => {
    const t = await team();
    const other = await team();
    const input = { appId: t.appId, issuer: provider.url };
    expect(
      (await appErrorOf(fetchProviderMetadata(deps(), await t.as("viewer"), input))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await appErrorOf(fetchProviderMetadata(deps(), await other.as("editor"), input))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("a Test with the provider's listed methods", () => {
  it("passes as before and warns when the profile's method is not listed", async () => {
    const listed = await profileWithToken();
    expect(listed.run).toMatchObject({ status: "succeeded", warnings: [] });
    const unlisted = await profileWithToken({ providerAuthMethods: ["private_key_jwt"] });
    expect(unlisted.run).toMatchObject({
      status: "succeeded",
      warnings: [
        "The provider's metadata does not list client_secret_basic among its client authentication methods (private_key_jwt)",
      ],
    });
  });
});

describe("Revoke token and Inspect token", () => {
  it("revokes the stored token, after which the provider says it is not active", async () => {
    const p = await profileWithToken();
    expect(p.run.status).toBe("succeeded");
    expect(await inspectToken(deps(), p.editor, p.ref)).toEqual({
      ok: true,
      active: true,
      exp: expect.any(Number),
      scope: "api:read",
      clientId: "basic-client",
      tokenType: "Bearer",
    });
    expect(await revokeToken(deps(), p.editor, p.ref)).toEqual({ ok: true, status: 200 });
    const state = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: p.ref.profileId },
    });
    expect(state.status).toBe("expired");
    expect(await inspectToken(deps(), p.editor, p.ref)).toMatchObject({ ok: true, active: false });
    const actions = await kit.db.auditEvent.findMany({
      where: { targetId: p.ref.profileId, action: { in: ["token.revoke", "token.inspect"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => [a.action, (a.changes as { outcome: string }).outcome])).toEqual([
      ["token.inspect", "active"],
      ["token.revoke", "revoked"],
      ["token.inspect", "inactive"],
    ]);
  });

  it("authenticates with a client_secret_jwt assertion as a token request does", async () => {
    const p = await profileWithToken({
      clientId: "jwt-client",
      clientSecret: JWT_SECRET,
      clientAuthMethod: "client_secret_jwt",
    });
    expect(p.run.status).toBe("succeeded");
    const seen = provider.requests.length;
    expect(await revokeToken(deps(), p.editor, p.ref)).toEqual({ ok: true, status: 200 });
    expect(await inspectToken(deps(), p.editor, p.ref)).toMatchObject({
      ok: true,
      active: false,
    });
    expect(provider.requests.slice(seen)).toEqual([
      expect.objectContaining({ path: "/token/revocation", status: 200, clientAuth: "assertion" }),
      expect.objectContaining({
        path: "/token/introspection",
        status: 200,
        clientAuth: "assertion",
      }),
    ]);
  });

  it("a provider's refusal comes back with its status, headers and body, the secrets masked", async () => {
    let received = "";
    const origin = await serve((body) => {
      received = body;
      return { status: 401, body: JSON.stringify({ error: "invalid_client", echo: body }) };
    });
    const p = await profileWithToken({
      clientAuthMethod: "client_secret_post",
      revocationEndpoint: `${origin}/revoke`,
      introspectionEndpoint: `${origin}/introspect`,
    });
    // The token came from the provider (post is among its methods), the refusals from the server.
    expect(p.run.status).toBe("succeeded");
    const revoked = await revokeToken(deps(), p.editor, p.ref);
    const token = new URLSearchParams(received).get("token") ?? "";
    expect(new URLSearchParams(received).get("client_secret")).toBe(SECRET);
    expect(token.length).toBeGreaterThan(10);
    expect(revoked).toMatchObject({
      ok: false,
      problem: "The provider's revocation endpoint answered 401",
      status: 401,
      headers: expect.objectContaining({ "content-type": "application/json" }),
    });
    if (revoked.ok) return;
    expect(revoked.body).toContain("invalid_client");
    expect(revoked.body).not.toContain(SECRET);
    expect(revoked.body).not.toContain(token);
    // Not revoked: the token stays.
    const state = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: p.ref.profileId },
    });
    expect(state.status).not.toBe("expired");
    const inspected = await inspectToken(deps(), p.editor, p.ref);
    expect(inspected).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(inspected)).not.toContain(token);
  });

  it("is refused to a viewer and to another team", async () => {
    const p = await profileWithToken();
    const other = await team();
    for (const call of [revokeToken, inspectToken]) {
      expect((await appErrorOf(call(deps(), await p.as("viewer"), p.ref))).code).toBe("FORBIDDEN");
      expect((await appErrorOf(call(deps(), await other.as("editor"), p.ref))).code).toBe(
        "NOT_FOUND",
      );
    }
    expect(await inspectToken(deps(), p.editor, p.ref)).toMatchObject({ ok: true, active: true });
  });

  it("needs the endpoint from the provider's metadata", async () => {
    const p = await profileWithToken({
      revocationEndpoint: undefined,
      introspectionEndpoint: undefined,
    });
    const error = await appErrorOf(revokeToken(deps(), p.editor, p.ref));
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect(error.message).toContain("no revocation endpoint");
  });
});

describe("Revoke all tokens (before a delete, after a secret is replaced)", () => {
  it("revokes every live token of the profile, after which the provider says it is not active", async () => {
    const p = await profileWithToken();
    expect(p.run.status).toBe("succeeded");
    expect(await revokeProfileTokens(deps(), p.editor, p.ref)).toEqual({
      revoked: 1,
      failed: [],
      left: 0,
    });
    expect(await inspectToken(deps(), p.editor, p.ref)).toMatchObject({ ok: true, active: false });
    // Nothing live is left: a second call sends nothing.
    const seen = provider.requests.length;
    expect(await revokeProfileTokens(deps(), p.editor, p.ref)).toEqual({
      revoked: 0,
      failed: [],
      left: 0,
    });
    expect(provider.requests.length).toBe(seen);
  });

  it("reports a refusal with the provider's status and keeps the token", async () => {
    const origin = await serve(() => ({ status: 401, body: '{"error":"invalid_client"}' }));
    const p = await profileWithToken({
      clientAuthMethod: "client_secret_post",
      revocationEndpoint: `${origin}/revoke`,
    });
    expect(await revokeProfileTokens(deps(), p.editor, p.ref)).toEqual({
      revoked: 0,
      failed: [
        { tenant: null, problem: "The provider's revocation endpoint answered 401", status: 401 },
      ],
      left: 0,
    });
    const state = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: p.ref.profileId },
    });
    expect(state.status).not.toBe("expired");
  });

  it("is refused to a viewer and to another team, and needs a revocation endpoint", async () => {
    const p = await profileWithToken();
    const other = await team();
    expect((await appErrorOf(revokeProfileTokens(deps(), await p.as("viewer"), p.ref))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (await appErrorOf(revokeProfileTokens(deps(), await other.as("editor"), p.ref))).code,
    ).toBe("NOT_FOUND");
    expect(await inspectToken(deps(), p.editor, p.ref)).toMatchObject({ ok: true, active: true });
    const bare = await profileWithToken({ revocationEndpoint: undefined });
    const error = await appErrorOf(revokeProfileTokens(deps(), bare.editor, bare.ref));
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect(error.message).toContain("no revocation endpoint");
  });
});
