// @module-tag resilience
import type { TokenServer } from "@authdeck/test-support";
import { describe, expect, it } from "vitest";
import {
  duplicateProfile,
  getProfile,
  importProfiles,
  updateProfile,
} from "../../src/profiles/index.ts";
import {
  exportDocumentSchema,
  type ProfileFieldsInput,
  profileFieldsSchema,
} from "../../src/schemas/profile.ts";
import {
  ensureTokenState,
  refreshNow,
  refreshTokenState,
  storeToken,
} from "../../src/tokens/index.ts";
import {
  loopbackRefresher,
  queueRun,
  runQueued,
  type SavedProfile,
  saveProfile,
  useTokenRunKit,
} from "../token-runs.ts";

/**
 * Finding 1 of the December review: an editor pointed the Refresh Token URL at their own server
 * without entering the client secret, pressed Refresh now, and that server received the client
 * secret (Basic), the secret header and the refresh token.
 */

const CANARY = "origin-canary-secret";
const FIELD_CANARY = "origin-canary-field";
const REFRESH_CANARY = "origin-canary-refresh-token";
const BASIC = Buffer.from(`client-1:${CANARY}`).toString("base64");

const kit = useTokenRunKit("secret_origins");

/** Every secret of the profile that reached `server`, in any request. */
const secretsReceived = (server: TokenServer) =>
  [CANARY, FIELD_CANARY, REFRESH_CANARY, BASIC].filter((secret) =>
    JSON.stringify(server.requests).includes(secret),
  );

const base = (provider: TokenServer): ProfileFieldsInput => ({
  name: `Origins ${Math.random().toString(36).slice(2)}`,
  identityProviderName: "Provider",
  clientId: "client-1",
  clientSecret: CANARY,
  tokenRequestUrl: provider.urlFor("ok"),
  refreshTokenUrl: provider.urlFor("ok", "/refresh"),
  fields: [{ type: "header", key: "X-Api-Key", value: FIELD_CANARY, secret: true }],
});

/** A saved profile whose token state holds a refresh token, as a provider that issues one leaves it. */
async function profileWithRefreshToken(provider: TokenServer) {
  const input = base(provider);
  const saved = await saveProfile(kit, input);
  const state = await ensureTokenState(kit.db, {
    teamId: saved.teamId,
    profileId: saved.profileId,
    tenant: "",
  });
  await storeToken(
    { db: kit.db, sealer: kit.sealer },
    {
      state: { id: state.id, shortLivedCount: 0 },
      teamId: saved.teamId,
      profileId: saved.profileId,
      tenant: "",
      accessToken: "access-1",
      refreshToken: REFRESH_CANARY,
      tokenType: "Bearer",
      expiresIn: 3600,
      jwtExp: null,
      defaultLifetimeSeconds: 3300,
      obtainedAt: new Date(),
    },
  );
  return { saved, input, stateId: state.id };
}

/** The editor's save, as the dialog sends it: stored secrets omitted unless typed again. */
async function edit(
  saved: SavedProfile,
  input: ProfileFieldsInput,
  changes: Partial<ProfileFieldsInput>,
) {
  const { version } = await getProfile({ db: kit.db }, saved.member, saved);
  return updateProfile({ db: kit.db, sealer: kit.sealer, now: () => new Date() }, saved.member, {
    appId: saved.appId,
    profileId: saved.profileId,
    version,
    profile: profileFieldsSchema.parse({
      ...input,
      clientSecret: undefined,
      fields: [{ type: "header", key: "X-Api-Key", secret: true }],
      ...changes,
    }),
  });
}

/** "Refresh now", then the refresh job as the worker runs it. */
async function refreshNowAsTheWorker(saved: SavedProfile) {
  await refreshNow({ db: kit.db, now: () => new Date(), queue: kit.queue }, saved.member, saved);
  for (const state of await kit.db.tokenState.findMany({ where: { profileId: saved.profileId } }))
    await refreshTokenState(loopbackRefresher(kit), { stateId: state.id });
}

describe("a Refresh Token URL moved to another origin", () => {
  it("without the secrets typed again is refused, and the other origin receives nothing", async () => {
    const [provider, attacker] = [await kit.serve(), await kit.serve()];
    const { saved, input } = await profileWithRefreshToken(provider);
    const moved = await edit(saved, input, {
      refreshTokenUrl: attacker.urlFor("ok", "/collect"),
    }).catch((error: unknown) => error);
    await refreshNowAsTheWorker(saved);

    expect(secretsReceived(attacker)).toEqual([]);
    expect(attacker.requests).toEqual([]);
    expect(moved).toMatchObject({
      code: "INVALID",
      details: {
        fieldErrors: {
          clientSecret: `The Refresh Token URL now points to ${attacker.url}: enter the Client Secret Key again`,
          "fields.0.value":
            "The Refresh Token URL now points elsewhere: enter this secret value again",
        },
      },
    });
    // The refresh went where the secrets were saved for, with the refresh token.
    expect(provider.requests.at(-1)?.url).toBe("/ok/refresh");
    expect(provider.requests.at(-1)?.body).toContain(REFRESH_CANARY);
  });

  it("with the secrets typed again is saved, and drops the refresh token of the old origin", async () => {
    const [provider, elsewhere] = [await kit.serve(), await kit.serve()];
    const { saved, input, stateId } = await profileWithRefreshToken(provider);
    await edit(saved, input, {
      refreshTokenUrl: elsewhere.urlFor("ok", "/refresh"),
      clientSecret: "entered-again",
      fields: [{ type: "header", key: "X-Api-Key", value: "entered-again-too", secret: true }],
    });
    const state = await kit.db.tokenState.findUniqueOrThrow({ where: { id: stateId } });
    expect(state.refreshTokenSealed).toBeNull();

    await refreshNowAsTheWorker(saved);
    expect(secretsReceived(elsewhere)).toEqual([]);
    expect(secretsReceived(provider)).toEqual([]);
  });

  it("within the origins the secrets were saved for needs nothing typed again", async () => {
    const provider = await kit.serve();
    const { saved, input, stateId } = await profileWithRefreshToken(provider);
    await edit(saved, input, {
      tokenRequestUrl: provider.urlFor("ok", "/v2/token"),
      refreshTokenUrl: provider.urlFor("ok", "/v2/refresh"),
    });
    const state = await kit.db.tokenState.findUniqueOrThrow({ where: { id: stateId } });
    expect(state.refreshTokenSealed).not.toBeNull();
  });
});

describe("a revocation or introspection endpoint moved to another origin", () => {
  it("without the secrets typed again is refused at the Client Secret Key and each secret field", async () => {
    const [provider, attacker] = [await kit.serve(), await kit.serve()];
    const { saved, input } = await profileWithRefreshToken(provider);
    // Both receive the client's credentials and the stored token, as the token URL does.
    for (const [field, label] of [
      ["revocationEndpoint", "Revocation endpoint"],
      ["introspectionEndpoint", "Introspection endpoint"],
    ] as const) {
      const moved = await edit(saved, input, { [field]: `${attacker.url}/collect` }).catch(
        (error: unknown) => error,
      );
      expect(moved).toMatchObject({
        code: "INVALID",
        details: {
          fieldErrors: {
            clientSecret: `The ${label} now points to ${attacker.url}: enter the Client Secret Key again`,
            "fields.0.value": `The ${label} now points elsewhere: enter this secret value again`,
          },
        },
      });
    }
    // On the origin the secrets were saved for, nothing is asked again.
    await edit(saved, input, { revocationEndpoint: provider.urlFor("ok", "/revoke") });
    expect(attacker.requests).toEqual([]);
  });
});

describe("the worker, reading a profile whose URL points outside its secrets' origins", () => {
  it("sends no refresh there (a row changed behind the use-cases' back)", async () => {
    const [provider, attacker] = [await kit.serve(), await kit.serve()];
    const { saved } = await profileWithRefreshToken(provider);
    await kit.db.authorizationProfile.update({
      where: { id: saved.profileId },
      data: { refreshTokenUrl: attacker.urlFor("ok", "/collect") },
    });
    await refreshNowAsTheWorker(saved);
    expect(attacker.requests).toEqual([]);
    // It fell back to a new client-credentials token from the saved origin.
    expect(provider.requests.at(-1)?.url).toBe("/ok/token");
  });

  it("fails a test with a verdict and sends nothing", async () => {
    const [provider, attacker] = [await kit.serve(), await kit.serve()];
    const { saved } = await profileWithRefreshToken(provider);
    await kit.db.authorizationProfile.update({
      where: { id: saved.profileId },
      data: { tokenRequestUrl: attacker.urlFor("ok") },
    });
    const { run } = await runQueued(kit, await queueRun(kit, saved), {
      egressAllow: ["127.0.0.0/8"],
    });
    expect(attacker.requests).toEqual([]);
    expect(run).toMatchObject({
      status: "failed",
      errorClass: "secret_origin_mismatch",
      errorMessage: `The Token Request URL points to ${attacker.url}, an origin this profile's secrets were not saved for: save the profile with its secrets again`,
    });
  });
});

describe("a profile copied by import or duplicate", () => {
  it("carries no secret, and binds its URLs to their own origins", async () => {
    const [provider, other] = [await kit.serve(), await kit.serve()];
    const { saved, input } = await profileWithRefreshToken(provider);
    const deps = { db: kit.db, sealer: kit.sealer, now: () => new Date() };
    const copy = await duplicateProfile(deps, saved.member, saved);
    const imported = await importProfiles(deps, saved.member, {
      appId: saved.appId,
      document: exportDocumentSchema.parse({
        format: "authdeck.profiles",
        version: 1,
        profiles: [
          {
            ...input,
            name: "Imported",
            refreshTokenUrl: other.urlFor("ok"),
            hasClientSecret: true,
          },
        ],
      }),
    });
    expect(imported).toEqual({ imported: 1 });
    const rows = await kit.db.authorizationProfile.findMany({
      where: { appId: saved.appId },
      include: { fields: true },
      orderBy: { name: "asc" },
    });
    expect(
      rows.map((r) => ({
        name: r.name,
        secretOrigins: r.secretOrigins,
        secrets: [r.clientSecretSealed, ...r.fields.map((f) => f.valueSealed)].filter(Boolean),
      })),
    ).toEqual([
      { name: "Imported", secretOrigins: [provider.url, other.url].sort(), secrets: [] },
      { name: input.name, secretOrigins: [provider.url], secrets: expect.any(Array) },
      { name: copy.name, secretOrigins: [provider.url], secrets: [] },
    ]);
  });
});
