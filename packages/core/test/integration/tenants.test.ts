// @module-tag resilience
import { describe, expect, it } from "vitest";
import type { ApiCaller } from "../../src/api-keys/index.ts";
import { TENANT_LIMITS } from "../../src/shared/profile-limits.ts";
import { startTest } from "../../src/test-runs/index.ts";
import {
  listRecentTenants,
  RECENT_TENANTS,
  readServiceToken,
  removeUnusedTenants,
} from "../../src/tokens/index.ts";
import { appErrorOf } from "../fixtures.ts";
import {
  queuingDeps,
  runQueued,
  type SavedProfile,
  saveProfile,
  useTokenRunKit,
} from "../token-runs.ts";

const kit = useTokenRunKit("tenants");

const DAY_MS = 24 * 60 * 60_000;
const testDeps = (now = () => new Date()) =>
  queuingDeps(kit, { perUserPerMinute: 10_000, perTeamPerMinute: 10_000 }, now);
const callerOf = (saved: SavedProfile): ApiCaller => ({
  apiKeyId: "00000000-0000-7000-8000-000000000000",
  teamId: saved.teamId,
  appIds: [saved.appId],
});
/** The token API without its refresh: the state is made or refused before any refresh. */
const serviceToken = (saved: SavedProfile, tenant: string, now = new Date()) =>
  readServiceToken(
    { db: kit.db, sealer: kit.sealer, now: () => now, refresh: async () => {} },
    callerOf(saved),
    { appId: saved.appId, profileId: saved.profileId, tenant },
  );

async function tenancyProfile(tokenRequestUrl = "https://idp.example.com/{tenant}/token") {
  return saveProfile(kit, {
    name: "Per tenant",
    identityProviderName: "IdP",
    clientSecret: "tenant-secret",
    tenancyEnabled: true,
    tokenRequestUrl,
  });
}

const tenantsOf = async (profileId: string) =>
  (await kit.db.tokenState.findMany({ where: { profileId }, select: { tenant: true } }))
    .map((s) => s.tenant)
    .sort();

async function seedTenants(saved: SavedProfile, count: number, lastUsedAt = new Date()) {
  await kit.db.tokenState.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      teamId: saved.teamId,
      profileId: saved.profileId,
      tenant: `seeded-${i}`,
      status: "fresh" as const,
      lastUsedAt,
    })),
  });
}

describe("a tenant of dots", () => {
  it("is refused by a Test and by the token API instead of walking the token URL's path", async () => {
    const server = await kit.serve();
    // As the review did: ".." turned /ok/{tenant}/token into /token, another endpoint.
    const saved = await tenancyProfile(server.urlFor("ok", "/{tenant}/token"));
    for (const tenant of ["..", "."]) {
      const message = "A tenant cannot be only dots, which would move up the URL's path";
      const test = await appErrorOf(startTest(testDeps(), saved.member, { ...saved, tenant }));
      expect(test.details.fieldErrors).toEqual({ tenant: message });
      expect((await appErrorOf(serviceToken(saved, tenant))).details.fieldErrors).toEqual({
        tenant: message,
      });
    }
    expect(await kit.db.testRun.count({ where: { profileId: saved.profileId } })).toBe(0);
    expect(await tenantsOf(saved.profileId)).toEqual([]);
    expect(server.requests).toEqual([]);
  });
});

describe("the tenants of a profile", () => {
  it(`are at most ${TENANT_LIMITS.perProfile}: a new one past that is refused, known ones still work`, async () => {
    const saved = await tenancyProfile();
    await seedTenants(saved, TENANT_LIMITS.perProfile);
    const full = `This profile already keeps tokens for ${TENANT_LIMITS.perProfile} tenants`;

    const test = await appErrorOf(startTest(testDeps(), saved.member, { ...saved, tenant: "new" }));
    expect(test.code).toBe("INVALID");
    expect(test.details.fieldErrors?.tenant).toContain(full);
    const api = await appErrorOf(serviceToken(saved, "another-new"));
    expect(api.code).toBe("INVALID");
    expect(api.details.fieldErrors?.tenant).toContain(full);
    expect(await kit.db.testRun.count({ where: { profileId: saved.profileId } })).toBe(0);

    await startTest(testDeps(), saved.member, { ...saved, tenant: "seeded-7" });
    // Known: refused only because the (skipped) refresh brought no token, not for its tenant.
    expect((await appErrorOf(serviceToken(saved, "seeded-8"))).code).toBe("UNAVAILABLE");
    expect(await tenantsOf(saved.profileId)).toHaveLength(TENANT_LIMITS.perProfile);
  });

  it("take the last places one at a time when new tenants arrive together", async () => {
    const saved = await tenancyProfile();
    await seedTenants(saved, TENANT_LIMITS.perProfile - 5);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => appErrorOf(serviceToken(saved, `rush-${i}`))),
    );
    expect(answers.filter((e) => e.code === "UNAVAILABLE")).toHaveLength(5);
    expect(answers.filter((e) => e.code === "INVALID")).toHaveLength(15);
    expect(await tenantsOf(saved.profileId)).toHaveLength(TENANT_LIMITS.perProfile);
  });

  it("a tested tenant's token is stored in the state its Test made", async () => {
    const server = await kit.serve();
    const saved = await tenancyProfile(server.urlFor("ok", "/{tenant}/token"));
    const { runId } = await startTest(testDeps(), saved.member, { ...saved, tenant: "acme" });
    const made = await kit.db.tokenState.findFirstOrThrow({
      where: { profileId: saved.profileId },
    });
    // Nothing due: the Test's own request brings its token.
    expect(made).toMatchObject({ tenant: "acme", nextRefreshAt: null, accessTokenSealed: null });
    const { run } = await runQueued(kit, runId, { egressAllow: ["127.0.0.0/8"] });
    expect(run.status).toBe("succeeded");
    expect(server.requests.map((r) => r.url)).toEqual(["/ok/acme/token"]);
    const state = await kit.db.tokenState.findUniqueOrThrow({ where: { id: made.id } });
    expect(state).toMatchObject({ status: "fresh", accessTokenSealed: expect.any(String) });
  });
});

describe("the tenants the Test dialog offers", () => {
  it("are this profile's most recently used ones, newest first, and no one else's", async () => {
    const saved = await tenancyProfile();
    const other = await tenancyProfile();
    await seedTenants(saved, RECENT_TENANTS + 2, new Date("2026-01-01T00:00:00Z"));
    await seedTenants(other, 1);
    // Tested a moment ago: it comes first.
    await startTest(testDeps(), saved.member, { ...saved, tenant: "seeded-9" });
    const ref = { appId: saved.appId, profileId: saved.profileId };

    const offered = await listRecentTenants({ db: kit.db }, saved.member, ref);

    expect(offered).toHaveLength(RECENT_TENANTS);
    expect(offered[0]).toBe("seeded-9");
    expect(new Set(offered).size).toBe(RECENT_TENANTS);
    // The other profile's tenant (same name pattern, other rows) is not among them by row.
    const rows = await kit.db.tokenState.findMany({
      where: { profileId: saved.profileId, tenant: { in: offered } },
    });
    expect(rows).toHaveLength(RECENT_TENANTS);
    // A viewer may read them; another team cannot see the profile at all.
    const viewer = { ...saved.member, role: "viewer" as const };
    expect(await listRecentTenants({ db: kit.db }, viewer, ref)).toEqual(offered);
    const stranger = { ...other.member, role: "owner" as const };
    const refused = await appErrorOf(listRecentTenants({ db: kit.db }, stranger, ref));
    expect(refused.code).toBe("NOT_FOUND");
  });
});

describe("unused tenants", () => {
  it(`are removed after ${TENANT_LIMITS.unusedDays} days nobody asked for them; a use keeps them`, async () => {
    const saved = await tenancyProfile();
    // Long ago, so the states of the file's other tests are recent beside these.
    const start = new Date("2020-01-01T00:00:00Z");
    const later = (days: number) => new Date(start.getTime() + days * DAY_MS);
    await seedTenants(saved, 3, start);
    // The profile's own state (no tenant) and one being refreshed are never removed.
    await kit.db.tokenState.createMany({
      data: [
        { teamId: saved.teamId, profileId: saved.profileId, tenant: "", status: "fresh" },
        {
          teamId: saved.teamId,
          profileId: saved.profileId,
          tenant: "leased",
          status: "refreshing",
          lastUsedAt: start,
          leaseUntil: later(60),
        },
      ],
    });
    await kit.db.tokenState.updateMany({ where: { tenant: "" }, data: { lastUsedAt: start } });

    // Asked for on day 20 by the token API, and on day 25 by a Test: both count as a use.
    await appErrorOf(serviceToken(saved, "seeded-0", later(20)));
    await startTest(
      testDeps(() => later(25)),
      saved.member,
      { ...saved, tenant: "seeded-1" },
    );

    expect(await removeUnusedTenants({ db: kit.db, now: () => later(29) })).toBe(0);
    expect(await removeUnusedTenants({ db: kit.db, now: () => later(31) })).toBe(1);
    expect(await tenantsOf(saved.profileId)).toEqual(["", "leased", "seeded-0", "seeded-1"]);
    expect(await removeUnusedTenants({ db: kit.db, now: () => later(51) })).toBe(1);
    expect(await removeUnusedTenants({ db: kit.db, now: () => later(56) })).toBe(1);
    expect(await tenantsOf(saved.profileId)).toEqual(["", "leased"]);
  });
});
