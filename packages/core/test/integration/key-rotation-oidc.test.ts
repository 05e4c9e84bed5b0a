// @module-tag resilience
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dumpRedisKeys, type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKeyRing } from "../../src/config/key-ring.ts";
import { rotateSealedSecrets } from "../../src/crypto/rotate.ts";
import { createSealer } from "../../src/crypto/sealer.ts";
import { AppError } from "../../src/errors/app-error.ts";
import {
  addNextKey,
  getProfile,
  getPublicJwks,
  retirePreviousKey,
  switchToNextKey,
  updateProfile,
} from "../../src/profiles/index.ts";
import { privateKeyContext } from "../../src/profiles/signing-key.ts";
import { profileFieldsSchema } from "../../src/schemas/profile.ts";
import { getRun, startTest } from "../../src/test-runs/index.ts";
import { refreshTokenState } from "../../src/tokens/refresh-token-state.ts";
import { appErrorOf } from "../fixtures.ts";
import {
  loopbackRefresher,
  openTokenRunKit,
  queuingDeps,
  runQueued,
  type SavedProfile,
  saveProfile,
  type TokenRunKit,
} from "../token-runs.ts";

let kit: TokenRunKit;
let jwksServer: Server;
let jwksBase: string;
/** When the provider fetched each JWKS id: it keeps what it fetched for at least 60 s. */
const jwksFetches: Array<{ jwksId: string; at: number }> = [];
const providers: OidcTestProvider[] = [];

// Serves getPublicJwks as the web route does, so the provider really fetches the keys over HTTP.
beforeAll(async () => {
  kit = await openTokenRunKit("rotation");
  jwksServer = createServer(async (req, res) => {
    const jwksId = /^\/api\/jwks\/([^/]+)$/.exec(req.url ?? "")?.[1] ?? "";
    jwksFetches.push({ jwksId, at: Date.now() });
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

const deps = () => ({ ...kit, now: () => new Date() });
const runner = { egressAllow: ["127.0.0.0/8"] };

const base = (tokenRequestUrl: string) => ({
  name: "Rotating",
  identityProviderName: "oidc-provider",
  clientId: "jwt-client",
  tokenRequestUrl,
  scopes: [{ key: "scope", value: "api:read" }],
  clientAuthMethod: "private_key_jwt" as const,
});

/** A private_key_jwt profile registered (by its JWKS URL) at a real provider. */
async function registeredProfile() {
  const saved = await saveProfile(kit, base("http://127.0.0.1:9/token"));
  const ref = { appId: saved.appId, profileId: saved.profileId };
  const stored = await getProfile(kit, saved.member, ref);
  const oidc = await startOidcProvider({
    clients: [
      {
        clientId: "jwt-client",
        clientSecret: "",
        authMethod: "private_key_jwt",
        jwksUri: `${jwksBase}/${stored.jwksId}`,
      },
    ],
    scopes: ["api:read"],
  });
  providers.push(oidc);
  await kit.db.authorizationProfile.update({
    where: { id: saved.profileId },
    data: { tokenRequestUrl: oidc.tokenUrl, secretOrigins: [new URL(oidc.tokenUrl).origin] },
  });
  return { saved, ref, stored, oidc };
}

const testDeps = () => queuingDeps(kit);

async function test(saved: SavedProfile, withNextKey = false) {
  const { runId } = await startTest(testDeps(), saved.member, {
    appId: saved.appId,
    profileId: saved.profileId,
    withNextKey,
  });
  const { run } = await runQueued(kit, runId, runner);
  const shown = await getRun(kit, saved.member, { appId: saved.appId, runId });
  return { run, shown };
}

/** The kit's sealing key (token-runs.ts), for a ring that rotates away from it. */
const KIT_KEY = Buffer.alloc(32, 7).toString("base64");
function sealerOf(ring: string) {
  const parsed = parseKeyRing(ring);
  if (!parsed.ok) throw new Error(parsed.error);
  return createSealer(parsed.keyRing);
}

const kids = async (jwksId: string | null) =>
  (await getPublicJwks(kit, { jwksId: jwksId ?? "" })).keys.map((k) => k.kid);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("private_key_jwt key rotation against a provider that caches the JWKS", () => {
  it("add → test with next → switch → retire while refreshes run: no token request fails", async () => {
    const { saved, ref, stored, oidc } = await registeredProfile();
    const first = await test(saved);
    expect(first.run).toMatchObject({ status: "succeeded", signingKid: stored.keyId });
    const fetchedAt = jwksFetches.find((f) => f.jwksId === stored.jwksId)?.at ?? 0;
    const state = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: saved.profileId },
    });

    // Refreshes, one after another, for the whole rotation, as the worker would run them.
    const results: string[] = [];
    let stop = false;
    const loop = (async () => {
      while (!stop) {
        results.push(await refreshTokenState(loopbackRefresher(kit), { stateId: state.id }));
        await sleep(150);
      }
    })();

    expect((await appErrorOf(switchToNextKey(deps(), saved.member, ref))).message).toMatch(
      /no next key/,
    );
    const { kid: nextKid } = await addNextKey(deps(), saved.member, ref);
    expect(await kids(stored.jwksId)).toEqual([stored.keyId, nextKid]);
    expect((await getProfile(kit, saved.member, ref)).keys).toEqual([
      { role: "current", kid: stored.keyId, addedAt: expect.any(Date) },
      { role: "next", kid: nextKid, addedAt: expect.any(Date) },
    ]);
    const refused = await appErrorOf(switchToNextKey(deps(), saved.member, ref));
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect(refused.message).toMatch(/Run "Test with next key" first/);

    // The provider still holds the JWKS it fetched before the next key was added: a Test
    // with the next key fails, and switching stays refused.
    const early = await test(saved, true);
    expect(early.run).toMatchObject({
      status: "failed",
      responseStatus: 401,
      signingKid: nextKid,
    });
    expect(early.shown.signingKid).toBe(nextKid);
    expect((await appErrorOf(switchToNextKey(deps(), saved.member, ref))).code).toBe("CONFLICT");

    // Once its cache is stale (60 s), the provider fetches the JWKS again on the unknown kid.
    await sleep(Math.max(0, fetchedAt + 61_000 - Date.now()));
    const tested = await test(saved, true);
    expect(tested.run).toMatchObject({ status: "succeeded", signingKid: nextKid });
    expect(oidc.requests.at(-1)).toMatchObject({ status: 200, clientAuth: "assertion" });

    await switchToNextKey(deps(), saved.member, ref);
    expect((await getProfile(kit, saved.member, ref)).keys.map((k) => [k.role, k.kid])).toEqual([
      ["current", nextKid],
      ["previous", stored.keyId],
    ]);
    expect(await kids(stored.jwksId)).toEqual([nextKid, stored.keyId]);
    await sleep(1_000);

    await retirePreviousKey(deps(), saved.member, ref);
    expect(await kids(stored.jwksId)).toEqual([nextKid]);
    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(row).toMatchObject({ previousPrivateKeySealed: null, previousPublicJwk: null });
    await sleep(1_000);
    stop = true;
    await loop;

    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((r) => r !== "refreshed" && r !== "skipped")).toEqual([]);
    const refreshes = await kit.db.testRun.findMany({
      where: { profileId: saved.profileId, trigger: "refresh" },
      orderBy: { queuedAt: "asc" },
    });
    expect(refreshes.filter((r) => r.status !== "succeeded")).toEqual([]);
    // Signed with the old key until the switch, with the new one after.
    expect(refreshes[0]?.signingKid).toBe(stored.keyId);
    expect(refreshes.at(-1)?.signingKid).toBe(nextKid);

    const audit = await kit.db.auditEvent.findMany({
      where: { targetId: saved.profileId, action: { startsWith: "profile.key." } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((e) => [e.action, e.changes])).toEqual([
      ["profile.key.add", { nextKeyId: nextKid, privateKey: "[generated]" }],
      [
        "profile.key.switch",
        { keyId: nextKid, previousKeyId: stored.keyId, testRunId: tested.run.id },
      ],
      ["profile.key.retire", { previousKeyId: stored.keyId }],
    ]);
  }, 120_000);
});

describe("who may rotate, and what ends a rotation", () => {
  it("refuses a viewer and another team; an editor may", async () => {
    const saved = await saveProfile(kit, base("http://127.0.0.1:9/token"));
    const ref = { appId: saved.appId, profileId: saved.profileId };
    const other = await saveProfile(kit, base("http://127.0.0.1:9/token"));
    const viewer = { ...saved.member, role: "viewer" as const };
    for (const act of [addNextKey, switchToNextKey, retirePreviousKey]) {
      expect((await appErrorOf(act(deps(), viewer, ref))).code).toBe("FORBIDDEN");
      expect((await appErrorOf(act(deps(), other.member, ref))).code).toBe("NOT_FOUND");
    }
    expect(
      (await appErrorOf(startTest(testDeps(), viewer, { ...ref, withNextKey: true }))).code,
    ).toBe("FORBIDDEN");
    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(row.nextPublicJwk).toBeNull();
    await addNextKey(deps(), saved.member, ref);
    expect((await getProfile(kit, saved.member, ref)).keys).toHaveLength(2);
  });

  it("refuses an uploaded next key that does not fit, at privateKey, changing nothing", async () => {
    const saved = await saveProfile(kit, base("http://127.0.0.1:9/token"));
    const ref = { appId: saved.appId, profileId: saved.profileId };
    const rsa = await generateKeyPair("RS256", { extractable: true });
    const error = await appErrorOf(
      addNextKey(deps(), saved.member, { ...ref, privateKey: await exportPKCS8(rsa.privateKey) }),
    );
    expect(error.details.fieldErrors?.privateKey).toMatch(/does not fit ES256/);
    expect((await getProfile(kit, saved.member, ref)).keys).toHaveLength(1);
  });

  it("a Token Request URL moved to another origin drops the next and previous keys", async () => {
    const { saved, ref, stored } = await registeredProfile();
    await kit.db.authorizationProfile.update({
      where: { id: saved.profileId },
      data: {
        previousPublicJwk: { kty: "EC", kid: "old-previous" },
        previousPrivateKeySealed: "sealed",
      },
    });
    const { kid: nextKid } = await addNextKey(deps(), saved.member, ref);
    const current = await getProfile(kit, saved.member, ref);
    await updateProfile(deps(), saved.member, {
      ...ref,
      version: current.version,
      profile: profileFieldsSchema.parse(base("https://elsewhere.example/token")),
    });
    const moved = await getProfile(kit, saved.member, ref);
    expect(moved.keys.map((k) => k.role)).toEqual(["current"]);
    expect([stored.keyId, nextKid, "old-previous"]).not.toContain(moved.keyId);
    expect(await kids(moved.jwksId)).toEqual([moved.keyId]);
    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    expect(row).toMatchObject({ nextPrivateKeySealed: null, previousPrivateKeySealed: null });
  });

  it("keeps the next and previous private keys out of every answer, run, audit event and Redis key; secrets:rotate re-seals them", async () => {
    const { saved, ref, oidc } = await registeredProfile();
    const uploaded = await generateKeyPair("ES256", { extractable: true });
    const pem = await exportPKCS8(uploaded.privateKey);
    const d = String((await exportJWK(uploaded.privateKey)).d);
    await addNextKey(deps(), saved.member, { ...ref, privateKey: pem });
    const withNext = await test(saved, true);
    // Fresh provider: it fetches the JWKS (with both keys) on this first assertion.
    expect(withNext.run.status).toBe("succeeded");
    expect(oidc.requests.at(-1)).toMatchObject({ status: 200 });
    const beforeSwitch = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    await switchToNextKey(deps(), saved.member, ref);
    const row = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    const everything = JSON.stringify([
      await getProfile(kit, saved.member, ref),
      withNext,
      await getPublicJwks(kit, { jwksId: row.jwksId ?? "" }),
      await kit.db.auditEvent.findMany({ where: { teamId: saved.teamId } }),
      await dumpRedisKeys(kit.redis, kit.queuePrefix),
    ]);
    for (const secret of [
      d,
      pem.split("\n")[1],
      row.privateKeySealed,
      row.previousPrivateKeySealed,
      beforeSwitch.nextPrivateKeySealed,
    ]) {
      expect(secret).toBeTruthy();
      expect(everything).not.toContain(secret);
    }

    // secrets:rotate re-seals the previous key (and a next key) under a new active key. Last in
    // the file: the kit's sealer opens nothing afterwards.
    await addNextKey(deps(), saved.member, ref);
    const both = sealerOf(`k2:${Buffer.alloc(32, 8).toString("base64")},k1:${KIT_KEY}`);
    const { counts } = await rotateSealedSecrets({ db: kit.db, sealer: both });
    expect(counts).toMatchObject({
      "authorization_profile.next_private_key_sealed": expect.any(Number),
      "authorization_profile.previous_private_key_sealed": expect.any(Number),
    });
    const onlyNew = sealerOf(`k2:${Buffer.alloc(32, 8).toString("base64")}`);
    const rotatedRow = await kit.db.authorizationProfile.findUniqueOrThrow({
      where: { id: saved.profileId },
    });
    for (const role of ["next", "previous"] as const) {
      const sealed =
        role === "next" ? rotatedRow.nextPrivateKeySealed : rotatedRow.previousPrivateKeySealed;
      expect(
        JSON.parse(onlyNew.open(sealed ?? "", privateKeyContext(saved.profileId, role))),
      ).toHaveProperty("d");
    }
    expect(
      JSON.parse(
        onlyNew.open(
          rotatedRow.previousPrivateKeySealed ?? "",
          privateKeyContext(saved.profileId, "previous"),
        ),
      ).d,
    ).not.toBe(d);
  });
});
