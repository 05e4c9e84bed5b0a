// @module-tag resilience
import { type ApiServer, startApiServer } from "@authdeck/test-support";
import { afterEach, describe, expect, it } from "vitest";
import {
  appHealth,
  claimDueHealthChecks,
  createApiProbe,
  getHealthCheck,
  runHealthCheck,
  saveHealthCheck,
} from "../../src/health-checks/index.ts";
import type { HealthEvent } from "../../src/queue/index.ts";
import { refreshTokenState } from "../../src/tokens/index.ts";
import { appErrorOf } from "../fixtures.ts";
import { loopbackRefresher, saveProfile, useTokenRunKit } from "../token-runs.ts";

const kit = useTokenRunKit("health_checks");
const apis: ApiServer[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

const every = { enabled: true, intervalMinutes: 5, method: "GET", path: "/status", tenant: "" };
const check = (settings: Partial<typeof every> & { expectedStatus?: number } = {}) =>
  ({
    ...every,
    expectedStatus: 200,
    ...settings,
  }) as Parameters<typeof saveHealthCheck>[2]["check"];

/** A profile whose tokens come from a recording token server and whose API is `api`. */
async function profileWithApi(options: { secretField?: string } = {}) {
  const tokens = await kit.serve();
  const api = await startApiServer();
  apis.push(api);
  const saved = await saveProfile(kit, {
    name: "Carrier API",
    identityProviderName: "Recorder",
    clientId: "client-1",
    clientSecret: "health-client-secret",
    tokenRequestUrl: tokens.urlFor("ok"),
    apiBaseUrl: `${api.url}/v2`,
    fields: options.secretField
      ? [{ type: "header", key: "X-Api-Key", value: options.secretField, secret: true }]
      : [],
  });
  return { saved, tokens, api };
}

/** What the use-cases take; the kit's database is opened before the first test. */
const ctx = () => ({ db: kit.db, now: () => new Date() });

const events: HealthEvent[] = [];
const deps = () => ({
  db: kit.db,
  now: () => new Date(),
  probe: createApiProbe({
    ...loopbackRefresher(kit),
    egressTeamMayAllow: [],
    refresh: async (state) => {
      await refreshTokenState(loopbackRefresher(kit), { stateId: state.id });
    },
  }),
  publish: async (event: HealthEvent) => {
    events.push(event);
  },
});

/** Claims the check now, as the scheduler would, and runs it as the worker would. */
async function runNow(checkId: string) {
  await kit.db.healthCheck.update({ where: { id: checkId }, data: { nextCheckAt: new Date() } });
  const claimed = await claimDueHealthChecks(
    { db: kit.db, now: () => new Date() },
    { horizonMs: 1_000, batch: 100 },
  );
  const mine = claimed.find((c) => c.checkId === checkId);
  if (!mine) throw new Error("the check was not claimed");
  return runHealthCheck(deps(), { checkId, lease: mine.lease });
}

describe("a health check", () => {
  it("calls the API with the current token and fields, healthy when the status is the expected one", async () => {
    const { saved, tokens, api } = await profileWithApi({ secretField: "field-secret-value-1" });
    const { id } = await saveHealthCheck(ctx(), saved.member, {
      appId: saved.appId,
      profileId: saved.profileId,
      check: check(),
    });

    expect(await runNow(id)).toBe("healthy");

    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]).toMatchObject({ method: "GET", path: "/v2/status" });
    expect(api.calls[0]!.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);
    expect(api.calls[0]!.headers["x-api-key"]).toBe("field-secret-value-1");
    const shown = await getHealthCheck(ctx(), saved.member, saved);
    expect(shown.check).toMatchObject({ status: "healthy", lastError: null });
    expect(shown.results.map((r) => [r.healthy, r.httpStatus])).toEqual([[true, 200]]);
    expect(await appHealth(ctx(), saved.member, saved)).toEqual([
      { profileId: saved.profileId, status: "healthy" },
    ]);
  });

  it("fails with the API's answer as evidence, the token and secret values masked, and records each change once", async () => {
    const { saved, tokens, api } = await profileWithApi({ secretField: "field-secret-value-2" });
    const { id } = await saveHealthCheck(ctx(), saved.member, {
      appId: saved.appId,
      profileId: saved.profileId,
      check: check(),
    });
    // The API echoes what it was sent, secrets included: the evidence must not keep them.
    api.answer((call) => ({
      status: 503,
      headers: {
        "Content-Type": "application/json",
        "X-Echo": call.headers.authorization as string,
      },
      body: JSON.stringify({ error: "down", saw: call.headers }),
    }));
    events.length = 0;

    expect(await runNow(id)).toBe("failing");
    expect(await runNow(id)).toBe("failing");
    api.answer(() => ({ status: 200, body: "ok" }));
    expect(await runNow(id)).toBe("healthy");

    const shown = await getHealthCheck(ctx(), saved.member, saved);
    const failure = shown.results.find((r) => !r.healthy)!;
    expect(failure).toMatchObject({
      httpStatus: 503,
      errorMessage: "The API answered 503; the check expects 200",
    });
    expect(failure.responseBody).toContain('"error":"down"');
    const kept = JSON.stringify(shown);
    expect(kept).not.toContain(tokens.accessToken);
    expect(kept).not.toContain("field-secret-value-2");
    // not_checked → failing → healthy: two changes, not one per failed probe.
    const changes = await kit.db.healthChange.findMany({
      where: { profileId: saved.profileId },
      orderBy: { at: "asc" },
    });
    expect(changes.map((c) => [c.previous, c.status])).toEqual([
      ["not_checked", "failing"],
      ["failing", "healthy"],
    ]);
    expect(events.map((e) => e.health)).toEqual(["failing", "healthy"]);
  });

  it("says which side failed when no token can be had", async () => {
    const { saved, api } = await profileWithApi();
    await kit.db.authorizationProfile.update({
      where: { id: saved.profileId },
      data: {
        tokenRequestUrl: (
          await kit.serve({
            script: () => ({ status: 401, body: JSON.stringify({ error: "invalid_client" }) }),
          })
        ).urlFor("scripted"),
      },
    });
    const { id } = await saveHealthCheck(ctx(), saved.member, {
      appId: saved.appId,
      profileId: saved.profileId,
      check: check(),
    });

    expect(await runNow(id)).toBe("failing");

    expect(api.calls).toEqual([]);
    const { results } = await getHealthCheck(ctx(), saved.member, saved);
    expect(results[0]).toMatchObject({ healthy: false, errorClass: "token_unavailable" });
    expect(results[0]!.errorMessage).toMatch(/^The token provider: No valid token/);
  });

  it("is run by one scheduler when several claim at once, and its claim decides who writes", async () => {
    const { saved } = await profileWithApi();
    const { id } = await saveHealthCheck(ctx(), saved.member, {
      appId: saved.appId,
      profileId: saved.profileId,
      check: check(),
    });
    const claims = await Promise.all(
      Array.from({ length: 5 }, () =>
        claimDueHealthChecks(
          { db: kit.db, now: () => new Date() },
          { horizonMs: 1_000, batch: 100 },
        ),
      ),
    );
    const mine = claims.flat().filter((c) => c.checkId === id);
    expect(mine).toHaveLength(1);

    // A run holding a claim that ran out and was taken again writes nothing.
    const stale = new Date(mine[0]!.lease.getTime() - 1);
    expect(await runHealthCheck(deps(), { checkId: id, lease: stale })).toBe("skipped");
    expect(await kit.db.healthCheckResult.count({ where: { checkId: id } })).toBe(0);
  });
});

describe("setting up a health check", () => {
  it("needs an editor, an API Base URL, and stays inside the team", async () => {
    const { saved } = await profileWithApi();
    const other = await saveProfile(kit, {
      name: "Other team's",
      identityProviderName: "IdP",
      tokenRequestUrl: "https://idp.example.com/token",
    });
    const target = { appId: saved.appId, profileId: saved.profileId, check: check() };

    const asViewer = await appErrorOf(
      saveHealthCheck(ctx(), { ...saved.member, role: "viewer" }, target),
    );
    expect(asViewer.code).toBe("FORBIDDEN");
    const asOtherTeam = await appErrorOf(saveHealthCheck(ctx(), other.member, target));
    expect(asOtherTeam.code).toBe("NOT_FOUND");
    expect(await appErrorOf(getHealthCheck(ctx(), other.member, saved))).toMatchObject({
      code: "NOT_FOUND",
    });
    const withoutBase = await appErrorOf(
      saveHealthCheck(ctx(), other.member, { ...other, check: check() }),
    );
    expect(withoutBase).toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { path: expect.stringContaining("API Base URL") } },
    });
    for (const path of ["/v1/../admin", "//other.example/x", "/a%2Fb"]) {
      const leaving = await appErrorOf(
        saveHealthCheck(ctx(), saved.member, { ...target, check: check({ path }) }),
      );
      expect(leaving, path).toMatchObject({
        code: "INVALID",
        details: { fieldErrors: { path: expect.any(String) } },
      });
    }
    expect(await kit.db.healthCheck.count({ where: { profileId: saved.profileId } })).toBe(0);
    expect(
      await kit.db.auditEvent.count({
        where: {
          action: "profile.healthCheck",
          targetId: { in: [saved.profileId, other.profileId] },
        },
      }),
    ).toBe(0);
  });
});
