// @module-tag resilience
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dumpRedisKeys, type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors/app-error.ts";
import {
  duplicateProfile,
  exportProfiles,
  getProfile,
  getPublicJwks,
  importProfiles,
  previewTokenRequest,
  updateProfile,
} from "../../src/profiles/index.ts";
import {
  exportDocumentSchema,
  type ProfileFieldsInput,
  profileFieldsSchema,
} from "../../src/schemas/profile.ts";
import { getRun } from "../../src/test-runs/index.ts";
import { appErrorOf, createTeamWithMembers } from "../fixtures.ts";
import {
  openTokenRunKit,
  queueRun,
  runQueued,
  type SavedProfile,
  saveProfile,
  type TokenRunKit,
} from "../token-runs.ts";

const JWT_SECRET = "jwt-canary-secret-5f0c-at-least-32-bytes-long";
const runner = { egressAllow: ["127.0.0.0/8"] };

let kit: TokenRunKit;
let jwksServer: Server;
let jwksBase: string;
const jwksFetches: string[] = [];
const providers: OidcTestProvider[] = [];

// Serves getPublicJwks the way the web route does (GET /api/jwks/<jwksId>), so the provider
// really fetches the profile's public keys over HTTP.
beforeAll(async () => {
  kit = await openTokenRunKit("assertion");
  jwksServer = createServer(async (req, res) => {
    const jwksId = /^\/api\/jwks\/([^/]+)$/.exec(req.url ?? "")?.[1] ?? "";
    jwksFetches.push(jwksId);
    try {
      const body = JSON.stringify(await getPublicJwks(kit, { jwksId }));
      res.writeHead(200, { "content-type": "application/jwk-set+json" }).end(body);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  jwksBase = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/api/jwks`;
});
afterAll(async () => {
  await Promise.all(providers.map((p) => p.close()));
  jwksServer?.closeAllConnections();
  await new Promise((resolve) => jwksServer?.close(resolve));
  await kit?.close();
});

async function provider(client: Parameters<typeof startOidcProvider>[0]["clients"][number]) {
  const started = await startOidcProvider({ clients: [client], scopes: ["api:read"] });
  providers.push(started);
  return started;
}

const base = (tokenRequestUrl: string, overrides: Partial<ProfileFieldsInput> = {}) => ({
  name: "Assertion",
  identityProviderName: "oidc-provider",
  clientId: "jwt-client",
  tokenRequestUrl,
  scopes: [{ key: "scope", value: "api:read" }],
  ...overrides,
});

async function test(saved: SavedProfile) {
  const runId = await queueRun(kit, saved);
  const { run } = await runQueued(kit, runId, runner);
  const shown = await getRun(kit, saved.member, { appId: saved.appId, runId });
  return { run, shown };
}

/** A private_key_jwt profile saved at a token URL not known yet: the provider starts after it. */
async function keyProfile(overrides: Partial<ProfileFieldsInput> = {}) {
  const saved = await saveProfile(
    kit,
    base("http://127.0.0.1:9/token", { clientAuthMethod: "private_key_jwt", ...overrides }),
  );
  const stored = await getProfile(kit, saved.member, saved);
  return { saved, stored, jwksUri: `${jwksBase}/${stored.jwksId}` };
}

async function pointAt(saved: SavedProfile, tokenRequestUrl: string) {
  await kit.db.authorizationProfile.update({
    where: { id: saved.profileId },
    data: { tokenRequestUrl, secretOrigins: [new URL(tokenRequestUrl).origin] },
  });
}

describe("client_secret_jwt against a real authorization server", () => {
  it("passes with an HS256 assertion signed with the client secret, which is never sent", async () => {
    const oidc = await provider({
      clientId: "jwt-client",
      clientSecret: JWT_SECRET,
      authMethod: "client_secret_jwt",
    });
    const saved = await saveProfile(
      kit,
      base(oidc.tokenUrl, { clientSecret: JWT_SECRET, clientAuthMethod: "client_secret_jwt" }),
    );
    const { run, shown } = await test(saved);
    expect(run.status).toBe("succeeded");
    expect(oidc.requests.at(-1)).toMatchObject({ status: 200, clientAuth: "assertion" });
    const sent = new URLSearchParams(shown.request?.body);
    expect(sent.get("client_assertion_type")).toBe(
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    );
    expect(sent.get("client_assertion")).toBe("********");
    expect(sent.get("client_secret")).toBeNull();
    expect(JSON.stringify(shown)).not.toContain(JWT_SECRET);
  });

  it("fails with the provider's answer when the secret differs", async () => {
    const oidc = await provider({
      clientId: "jwt-client",
      clientSecret: JWT_SECRET,
      authMethod: "client_secret_jwt",
    });
    const saved = await saveProfile(
      kit,
      base(oidc.tokenUrl, {
        clientSecret: `${JWT_SECRET}-wrong`,
        clientAuthMethod: "client_secret_jwt",
      }),
    );
    const { run } = await test(saved);
    expect(run).toMatchObject({ status: "failed", responseStatus: 401 });
    expect(run.responseBody).toContain("invalid_client");
  });
});

describe("clock skew against a real authorization server", () => {
  // The worker's clock is set back: the provider's Date header is then ahead of it.
  const clientSecretJwt = async () => {
    const oidc = await provider({
      clientId: "jwt-client",
      clientSecret: JWT_SECRET,
      authMethod: "client_secret_jwt",
    });
    const saved = await saveProfile(
      kit,
      base(oidc.tokenUrl, { clientSecret: JWT_SECRET, clientAuthMethod: "client_secret_jwt" }),
    );
    return saved;
  };
  const testAt = async (saved: SavedProfile, offsetMs: number) => {
    const runId = await queueRun(kit, saved);
    return (await runQueued(kit, runId, { ...runner, now: () => new Date(Date.now() + offsetMs) }))
      .run;
  };

  it("a worker clock 3 minutes behind: the provider refuses the expired assertion, and the run says why", async () => {
    const run = await testAt(await clientSecretJwt(), -180_000);
    expect(run).toMatchObject({ status: "failed", responseStatus: 401 });
    expect(run.responseBody).toContain("invalid_client");
    expect(run.warnings).toEqual([
      expect.stringMatching(
        /^The provider's clock is 3 min ahead of Authdeck's .*an assertion with a lifetime of 60 s has expired/,
      ),
    ]);
  });

  it("clocks that agree: the assertion passes and no clock warning is shown", async () => {
    const run = await testAt(await clientSecretJwt(), 0);
    expect(run.status).toBe("succeeded");
    expect(JSON.stringify(run.warnings)).not.toContain("clock");
  });
});

describe("private_key_jwt against a real authorization server fetching Authdeck's JWKS", () => {
  it("passes with a generated ES256 key; the provider fetched the profile's JWKS", async () => {
    const { saved, stored, jwksUri } = await keyProfile();
    expect(stored).toMatchObject({ hasPrivateKey: true, signingAlgorithm: "ES256" });
    const oidc = await provider({
      clientId: "jwt-client",
      clientSecret: "",
      authMethod: "private_key_jwt",
      jwksUri,
    });
    await pointAt(saved, oidc.tokenUrl);
    const fetched = jwksFetches.filter((id) => id === stored.jwksId).length;
    const { run } = await test(saved);
    expect(run.status).toBe("succeeded");
    expect(oidc.requests.at(-1)).toMatchObject({ status: 200, clientAuth: "assertion" });
    expect(jwksFetches.filter((id) => id === stored.jwksId).length).toBeGreaterThan(fetched);
  });

  it.each(["RS256", "PS256"] as const)("passes with an uploaded %s key (PEM)", async (alg) => {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    const { saved, stored, jwksUri } = await keyProfile({
      signingAlgorithm: alg,
      privateKey: await exportPKCS8(privateKey),
    });
    const jwks = await getPublicJwks(kit, { jwksId: stored.jwksId ?? "" });
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: "RSA", alg, use: "sig", kid: stored.keyId }),
    ]);
    expect(JSON.stringify(jwks)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
    const oidc = await provider({
      clientId: "jwt-client",
      clientSecret: "",
      authMethod: "private_key_jwt",
      jwksUri,
    });
    await pointAt(saved, oidc.tokenUrl);
    expect((await test(saved)).run.status).toBe("succeeded");
  });

  it("fails with the provider's answer when the JWKS holds another key", async () => {
    const { saved } = await keyProfile();
    const other = await keyProfile();
    const oidc = await provider({
      clientId: "jwt-client",
      clientSecret: "",
      authMethod: "private_key_jwt",
      jwksUri: other.jwksUri,
    });
    await pointAt(saved, oidc.tokenUrl);
    const { run } = await test(saved);
    expect(run).toMatchObject({ status: "failed", responseStatus: 401 });
    expect(run.responseBody).toContain("invalid_client");
  });

  it("passes with the issuer as audience and fails with a wrong audience", async () => {
    const { saved, jwksUri } = await keyProfile();
    const oidc = await provider({
      clientId: "jwt-client",
      clientSecret: "",
      authMethod: "private_key_jwt",
      jwksUri,
    });
    await pointAt(saved, oidc.tokenUrl);
    const setIssuer = (issuer: string) =>
      kit.db.authorizationProfile.update({
        where: { id: saved.profileId },
        data: { assertionAudience: "issuer", issuer },
      });
    await setIssuer(oidc.url);
    expect((await test(saved)).run.status).toBe("succeeded");
    await setIssuer("https://not-the-issuer.example");
    const { run } = await test(saved);
    expect(run).toMatchObject({ status: "failed", responseStatus: 401 });
    expect(run.responseBody).toContain("invalid_client");
  });
});

describe("keys and the JWKS", () => {
  it("refuses a malformed key and a key that does not fit the algorithm, at privateKey", async () => {
    const rsa = await generateKeyPair("RS256", { extractable: true });
    for (const [privateKey, message] of [
      ["-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----", /Not a private key/],
      [await exportPKCS8(rsa.privateKey), /does not fit ES256/],
    ] as const) {
      const error = await saveProfile(
        kit,
        base("http://127.0.0.1:9/token", {
          clientAuthMethod: "private_key_jwt",
          signingAlgorithm: "ES256",
          privateKey,
        }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details.fieldErrors?.privateKey).toMatch(message);
    }
  });

  it("serves no JWKS for an unknown id or a profile without private_key_jwt", async () => {
    const { saved, stored } = await keyProfile();
    await kit.db.authorizationProfile.update({
      where: { id: saved.profileId },
      data: { clientAuthMethod: "client_secret_basic" },
    });
    for (const jwksId of [stored.jwksId ?? "", saved.profileId, "A".repeat(22)]) {
      await expect(getPublicJwks(kit, { jwksId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("keeps the private key out of every answer, export, copy, run, audit event and Redis key", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const d = String((await exportJWK(privateKey)).d);
    const { saved, jwksUri } = await keyProfile({ privateKey: pem });
    const oidc = await provider({
      clientId: "jwt-client",
      clientSecret: "",
      authMethod: "private_key_jwt",
      jwksUri,
    });
    await pointAt(saved, oidc.tokenUrl);
    const { run, shown } = await test(saved);
    expect(run.status).toBe("succeeded");
    const ref = { appId: saved.appId, profileId: saved.profileId };
    const deps = { ...kit, now: () => new Date() };
    const stored = await getProfile(kit, saved.member, ref);
    const copy = await duplicateProfile(deps, saved.member, ref);
    const copied = await kit.db.authorizationProfile.findUniqueOrThrow({ where: { id: copy.id } });
    expect(copied).toMatchObject({ privateKeySealed: null, jwksId: null, needsSecrets: true });
    const updated = await updateProfile(deps, saved.member, {
      ...ref,
      version: stored.version,
      profile: profileFieldsSchema.parse({
        ...base(oidc.tokenUrl),
        clientAuthMethod: "private_key_jwt",
        signingAlgorithm: "RS256",
      }),
    });
    expect(updated.version).toBe(stored.version + 1);
    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(row.jwksId).toBe(stored.jwksId);
    const audit = await kit.db.auditEvent.findMany({
      where: { targetId: saved.profileId, action: { in: ["profile.create", "profile.update"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((e) => e.changes)).toEqual([
      expect.objectContaining({ privateKey: "[uploaded]", keyId: stored.keyId }),
      expect.objectContaining({ privateKey: "[generated]", signingAlgorithm: "RS256" }),
    ]);
    const everything = JSON.stringify([
      stored,
      shown,
      run,
      await exportProfiles(deps, saved.member, { appId: saved.appId }),
      await previewTokenRequest(kit, saved.member, ref),
      await getPublicJwks(kit, { jwksId: stored.jwksId ?? "" }),
      await kit.db.auditEvent.findMany({ where: { teamId: saved.teamId } }),
      await dumpRedisKeys(kit.redis, kit.queuePrefix),
    ]);
    expect(everything).not.toContain(d);
    expect(everything).not.toContain(pem.split("\n")[1]);
    expect(everything).not.toContain(row.privateKeySealed);
  });

  it("a Token Request URL moved to another origin gets a new key and a new JWKS URL: the old ones sign nothing for it", async () => {
    const { saved, stored } = await keyProfile();
    const deps = { ...kit, now: () => new Date() };
    const ref = { appId: saved.appId, profileId: saved.profileId };
    const moved = await updateProfile(deps, saved.member, {
      ...ref,
      version: stored.version,
      profile: profileFieldsSchema.parse({
        ...base("https://elsewhere.example/token"),
        clientAuthMethod: "private_key_jwt",
      }),
    });
    const after = await getProfile(kit, saved.member, ref);
    expect(after.version).toBe(moved.version);
    expect(after.keyId).not.toBe(stored.keyId);
    expect(after.jwksId).not.toBe(stored.jwksId);
    // The old JWKS URL, which the real provider may have registered, serves nothing now.
    expect((await appErrorOf(getPublicJwks(kit, { jwksId: stored.jwksId ?? "" }))).code).toBe(
      "NOT_FOUND",
    );
    const audit = await kit.db.auditEvent.findFirstOrThrow({
      where: { targetId: saved.profileId, action: "profile.update" },
    });
    expect(audit.changes).toMatchObject({ privateKey: "[generated]", jwksUrl: "[new]" });

    // Within the same origin the key and its JWKS URL stay.
    await updateProfile(deps, saved.member, {
      ...ref,
      version: after.version,
      profile: profileFieldsSchema.parse({
        ...base("https://elsewhere.example/oauth2/token"),
        clientAuthMethod: "private_key_jwt",
      }),
    });
    const same = await getProfile(kit, saved.member, ref);
    expect([same.keyId, same.jwksId]).toEqual([after.keyId, after.jwksId]);
  });

  it("lets no other team read the profile's key settings, and no viewer replace its key", async () => {
    const { saved, stored } = await keyProfile();
    const deps = { ...kit, now: () => new Date() };
    const other = await createTeamWithMembers(deps, `Other ${Math.random().toString(36).slice(2)}`);
    const ref = { appId: saved.appId, profileId: saved.profileId };
    const outsider = await other.as("owner");
    expect((await appErrorOf(getProfile(deps, outsider, ref))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(previewTokenRequest(deps, outsider, ref))).code).toBe("NOT_FOUND");
    const viewer = { ...saved.member, role: "viewer" as const };
    const replace = updateProfile(deps, viewer, {
      ...ref,
      version: stored.version,
      profile: profileFieldsSchema.parse({
        ...base("http://127.0.0.1:9/token"),
        clientAuthMethod: "private_key_jwt",
        signingAlgorithm: "RS256",
      }),
    });
    expect((await appErrorOf(replace)).code).toBe("FORBIDDEN");
    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(row.signingAlgorithm).toBe("ES256");
  });

  it("exports the method and settings but no key; an import needs secrets until saved", async () => {
    const { saved } = await keyProfile({
      assertionAudience: "issuer",
      issuer: "https://idp.example",
      assertionLifetimeSeconds: 120,
    });
    const deps = { ...kit, now: () => new Date() };
    const exported = await exportProfiles(deps, saved.member, { appId: saved.appId });
    expect(exported.profiles[0]).toMatchObject({
      clientAuthMethod: "private_key_jwt",
      assertionAudience: "issuer",
      issuer: "https://idp.example",
      assertionLifetimeSeconds: 120,
      signingAlgorithm: "ES256",
      hasPrivateKey: true,
    });
    const document = exportDocumentSchema.parse({
      ...exported,
      profiles: exported.profiles.map((p) => ({ ...p, name: `${p.name} imported` })),
    });
    await importProfiles(deps, saved.member, { appId: saved.appId, document });
    const imported = await kit.db.authorizationProfile.findFirstOrThrow({
      where: { appId: saved.appId, name: "Assertion imported" },
    });
    expect(imported).toMatchObject({
      clientAuthMethod: "private_key_jwt",
      assertionLifetimeSeconds: 120,
      privateKeySealed: null,
      jwksId: null,
      needsSecrets: true,
    });
  });

  it("previews the assertion's claims and header, never a signature", async () => {
    const { saved, stored } = await keyProfile();
    const preview = await previewTokenRequest(kit, saved.member, saved);
    expect(preview.assertion?.header).toEqual({ alg: "ES256", typ: "JWT", kid: stored.keyId });
    expect(preview.assertion?.claims).toMatchObject({
      iss: "jwt-client",
      sub: "jwt-client",
      aud: "http://127.0.0.1:9/token",
    });
    expect(new URLSearchParams(preview.request.body).get("client_assertion")).toBe("********");
    expect(preview.curl).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(() => decodeProtectedHeader(preview.curl)).toThrow();
    expect(() => decodeJwt(preview.curl)).toThrow();
  });
});
