// @module-tag resilience
import { dumpRedisKeys, type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateSealedSecrets } from "../../src/crypto/rotate.ts";
import { dpopKeyContext } from "../../src/profiles/dpop-key.ts";
import {
  duplicateProfile,
  exportProfiles,
  getProfile,
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
import {
  openTokenRunKit,
  queueRun,
  runQueued,
  type SavedProfile,
  saveProfile,
  sealerOf,
  type TokenRunKit,
} from "../token-runs.ts";

const SECRET = "dpop-client-secret-3c1e";
const runner = { egressAllow: ["127.0.0.0/8"] };

let kit: TokenRunKit;
const providers: OidcTestProvider[] = [];
beforeAll(async () => {
  kit = await openTokenRunKit("dpop");
});
afterAll(async () => {
  await Promise.all(providers.map((p) => p.close()));
  await kit?.close();
});

/** oidc-provider with one client whose tokens must be DPoP-bound (RFC 9449 §5.2). */
async function provider(
  dpopNonce = false,
  authMethod: "client_secret_basic" | "client_secret_jwt" = "client_secret_basic",
) {
  const started = await startOidcProvider({
    clients: [
      {
        clientId: "dpop-client",
        clientSecret: SECRET,
        authMethod,
        scope: "api:read",
        dpopBound: true,
      },
    ],
    dpopNonce,
  });
  providers.push(started);
  return started;
}

const profile = (tokenRequestUrl: string, dpop: boolean): ProfileFieldsInput => ({
  name: "DPoP",
  identityProviderName: "oidc-provider",
  clientId: "dpop-client",
  clientSecret: SECRET,
  tokenRequestUrl,
  scopes: [{ key: "scope", value: "api:read" }],
  dpop,
});

async function test(saved: SavedProfile) {
  const runId = await queueRun(kit, saved);
  const jobData = await dumpRedisKeys(kit.redis, kit.queuePrefix);
  const queued = await runQueued(kit, runId, runner);
  const shown = await getRun(kit, saved.member, { appId: saved.appId, runId });
  return { ...queued, shown, jobData };
}

describe("DPoP against a real authorization server", () => {
  it("a Test passes with DPoP on: the token is DPoP-bound, and the sealed key appears nowhere", async () => {
    const oidc = await provider();
    const saved = await saveProfile(kit, profile(oidc.tokenUrl, true));
    const { run, shown, events, jobData } = await test(saved);
    expect(run.status).toBe("succeeded");
    expect(oidc.requests.at(-1)).toMatchObject({ status: 200, dpop: true });
    expect(shown.tokenFacts?.tokenType).toBe("DPoP");
    expect(shown.warnings?.join(" ") ?? "").not.toMatch(/token_type/);
    expect(shown.request?.headers).toContainEqual(["DPoP", "********"]);
    const preview = await previewTokenRequest(kit, saved.member, saved);
    expect(preview.request.headers).toContainEqual(["DPoP", "********"]);
    const state = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: saved.profileId },
    });
    expect(state.tokenType).toBe("DPoP");

    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(row.dpopAlgorithm).toBe("ES256");
    const sealed = row.dpopPrivateKeySealed ?? "";
    const { d } = JSON.parse(kit.sealer.open(sealed, dpopKeyContext(row.id))) as { d: string };
    const stored = await getProfile(kit, saved.member, saved);
    expect(stored.dpop).toBe(true);
    const everything = JSON.stringify([
      stored,
      run,
      shown,
      events,
      jobData,
      await dumpRedisKeys(kit.redis, kit.queuePrefix),
      await exportProfiles({ ...kit, now: () => new Date() }, saved.member, {
        appId: saved.appId,
      }),
      await kit.db.auditEvent.findMany({ where: { teamId: saved.teamId } }),
    ]);
    expect(everything).not.toContain(d);
    expect(everything).not.toContain(sealed);
  });

  it("fails with DPoP off for a DPoP-bound client, with the provider's error as evidence", async () => {
    const oidc = await provider();
    const saved = await saveProfile(kit, profile(oidc.tokenUrl, false));
    const { run, shown } = await test(saved);
    expect(run.status).toBe("failed");
    expect(oidc.requests.at(-1)).toMatchObject({ status: 400, dpop: false });
    expect(shown.responseStatus).toBe(400);
    // oidc-provider names no reason (its description is generic): the refusal is the evidence.
    expect(shown.responseBody).toContain("invalid_grant");
  });

  it("answers the provider's use_dpop_nonce once, as the same attempt, and says so", async () => {
    const oidc = await provider(true);
    const saved = await saveProfile(kit, profile(oidc.tokenUrl, true));
    const { run, shown } = await test(saved);
    expect(run.status).toBe("succeeded");
    expect(oidc.requests.map((r) => r.status)).toEqual([400, 200]);
    expect(run.httpAttempts).toBe(1);
    expect(shown.tokenFacts?.tokenType).toBe("DPoP");
    expect(shown.warnings).toContainEqual(expect.stringMatching(/asked for a DPoP nonce/));
  });

  it("answers the nonce with a new client assertion: the provider spent the first one's jti", async () => {
    const oidc = await provider(true, "client_secret_jwt");
    const saved = await saveProfile(kit, {
      ...profile(oidc.tokenUrl, true),
      clientAuthMethod: "client_secret_jwt",
    });
    const { run, shown } = await test(saved);
    expect(shown.errorMessage ?? "").toBe("");
    expect(run.status).toBe("succeeded");
    expect(oidc.requests.map((r) => r.status)).toEqual([400, 200]);
  });

  it("an export says DPoP was on, never the key; the import makes a new key", async () => {
    const oidc = await provider();
    const saved = await saveProfile(kit, profile(oidc.tokenUrl, true));
    const deps = { ...kit, now: () => new Date() };
    const exported = await exportProfiles(deps, saved.member, { appId: saved.appId });
    expect(exported.profiles[0]).toMatchObject({ dpop: true });
    expect(JSON.stringify(exported)).not.toMatch(/"d":/);
    const document = exportDocumentSchema.parse({
      ...exported,
      profiles: exported.profiles.map((p) => ({ ...p, name: `${p.name} imported` })),
    });
    await importProfiles(deps, saved.member, { appId: saved.appId, document });
    const [source, imported] = await Promise.all(
      ["DPoP", "DPoP imported"].map((name) =>
        kit.db.authorizationProfile.findFirstOrThrow({ where: { appId: saved.appId, name } }),
      ),
    );
    expect(imported?.dpopPrivateKeySealed).not.toBeNull();
    expect(imported?.dpopPublicJwk).not.toEqual(source?.dpopPublicJwk);
  });

  it("turning DPoP off drops the key; a duplicate gets a key of its own", async () => {
    const oidc = await provider();
    const saved = await saveProfile(kit, profile(oidc.tokenUrl, true));
    const deps = { ...kit, now: () => new Date() };
    const ref = { appId: saved.appId, profileId: saved.profileId };
    const source = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    const copy = await duplicateProfile(deps, saved.member, ref);
    const copied = await kit.db.authorizationProfile.findUniqueOrThrow({ where: { id: copy.id } });
    expect(copied.dpopPrivateKeySealed).not.toBeNull();
    expect(copied.dpopPublicJwk).not.toEqual(source.dpopPublicJwk);

    // A token bound to the key: it expires with the key.
    expect((await test(saved)).run.status).toBe("succeeded");
    const stored = await getProfile(kit, saved.member, saved);
    await updateProfile(deps, saved.member, {
      ...ref,
      version: stored.version,
      profile: profileFieldsSchema.parse({
        ...profile(oidc.tokenUrl, false),
        clientSecret: undefined,
      }),
    });
    const off = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(off.dpopPrivateKeySealed).toBeNull();
    expect(off.dpopPublicJwk).toBeNull();
    const audit = await kit.db.auditEvent.findFirstOrThrow({
      where: { targetId: saved.profileId, action: "profile.update" },
    });
    expect(audit.changes).toMatchObject({ dpopKey: "[dropped]" });
    const state = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: saved.profileId },
    });
    expect(state.status).toBe("expired");
    expect(state.expiresAt?.getTime()).toBeLessThanOrEqual(Date.now());
  });

  // Last in the file: the kit's sealer opens nothing afterwards.
  it("is re-sealed by pnpm secrets:rotate and opens under the new key only", async () => {
    const oidc = await provider();
    const saved = await saveProfile(kit, profile(oidc.tokenUrl, true));
    const before = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    const context = dpopKeyContext(before.id);
    const plain = kit.sealer.open(before.dpopPrivateKeySealed ?? "", context);
    const k2 = `k2:${Buffer.alloc(32, 8).toString("base64")}`;
    const { counts } = await rotateSealedSecrets({
      db: kit.db,
      sealer: sealerOf(`${k2},k1:${Buffer.alloc(32, 7).toString("base64")}`),
    });
    expect(counts["authorization_profile.dpop_private_key_sealed"]).toBeGreaterThan(0);
    const after = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(sealerOf(k2).open(after.dpopPrivateKeySealed ?? "", context)).toBe(plain);
  });
});
