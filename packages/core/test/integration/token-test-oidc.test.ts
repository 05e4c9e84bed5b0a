import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun } from "../../src/test-runs/index.ts";
import { fingerprintOf } from "../../src/tokens/index.ts";
import { openTokenRunKit, type TokenRunKit, testProfile } from "../token-runs.ts";

const BASIC_SECRET = "basic-canary-4d1e";
const POST_SECRET = "post-canary-90ab";
const TTL = 120;

let kit: TokenRunKit;
let provider: OidcTestProvider;
let tenantProvider: OidcTestProvider;
// Both providers listen on 127.0.0.1, which only an admin's rule lets requests reach.
const runner = { egressAllow: ["127.0.0.0/8"] };

beforeAll(async () => {
  kit = await openTokenRunKit("oidc");
  const clients = [
    {
      clientId: "basic-client",
      clientSecret: BASIC_SECRET,
      authMethod: "client_secret_basic",
      scope: "api:read",
    },
    {
      clientId: "post-client",
      clientSecret: POST_SECRET,
      authMethod: "client_secret_post",
      scope: "api:read",
    },
  ] as const;
  provider = await startOidcProvider({
    clients,
    scopes: ["api:read", "api:write"],
    accessTokenTTL: TTL,
  });
  tenantProvider = await startOidcProvider({ clients, tokenPath: "/tenants/acme/token" });
});
afterAll(async () => {
  await provider?.close();
  await tenantProvider?.close();
  await kit?.close();
});

const profile = (overrides: Record<string, unknown> = {}) => ({
  name: "Provider",
  identityProviderName: "oidc-provider",
  clientId: "basic-client",
  clientSecret: BASIC_SECRET,
  clientAuthMethod: "client_secret_basic" as const,
  tokenRequestUrl: provider.tokenUrl,
  scopes: [{ key: "scope", value: "api:read" }],
  ...overrides,
});

describe("a test against a real authorization server", () => {
  it("succeeds with client_secret_basic, stores the token sealed and shows only its facts", async () => {
    const seen = provider.requests.length;
    const { run, events, saved, runId } = await testProfile(kit, profile(), runner);

    expect(run).toMatchObject({
      status: "succeeded",
      responseStatus: 200,
      errorClass: null,
      httpAttempts: 1,
      warnings: [],
    });
    expect(run.tokenFacts).toMatchObject({
      tokenType: "Bearer",
      expiresIn: TTL,
      grantedScope: "api:read",
      refreshTokenIssued: false,
    });
    expect(provider.requests.slice(seen)).toEqual([
      expect.objectContaining({ status: 200, clientAuth: "basic", scope: "api:read" }),
    ]);
    expect(events).toEqual([
      { runId, status: "running" },
      { runId, status: "succeeded" },
    ]);

    const state = await kit.db.tokenState.findUniqueOrThrow({
      where: { profileId_tenant: { profileId: saved.profileId, tenant: "" } },
    });
    const token = kit.sealer.open(state.accessTokenSealed!, {
      table: "token_state",
      rowId: state.id,
      column: "access_token_sealed",
    });
    expect(fingerprintOf(token)).toBe((run.tokenFacts as { fingerprint: string }).fingerprint);
    expect(state.status).toBe("fresh");
    expect(state.expiresAt!.getTime() - state.obtainedAt!.getTime()).toBe(TTL * 1000);

    const shown = await getRun(kit, saved.member, { appId: saved.appId, runId });
    expect(shown.request?.headers).toContainEqual(["Authorization", "Basic ********"]);
    expect(shown.responseBody).toContain(`[access_token redacted, ${token.length} characters]`);
    expect(JSON.stringify(shown)).not.toContain(token);
    expect(JSON.stringify(shown)).not.toContain(BASIC_SECRET);
  });

  it("succeeds with client_secret_post, the credentials in the body", async () => {
    const seen = provider.requests.length;
    const { run, saved, runId } = await testProfile(
      kit,
      profile({
        clientId: "post-client",
        clientSecret: POST_SECRET,
        clientAuthMethod: "client_secret_post",
      }),
      runner,
    );

    expect(run.status).toBe("succeeded");
    expect(provider.requests.slice(seen)).toEqual([
      expect.objectContaining({ status: 200, clientAuth: "post" }),
    ]);
    const shown = await getRun(kit, saved.member, { appId: saved.appId, runId });
    const sentBody = new URLSearchParams(shown.request?.body);
    expect(sentBody.get("client_id")).toBe("post-client");
    expect(sentBody.get("client_secret")).toBe("********");
    expect(shown.request?.headers.map(([name]) => name)).not.toContain("Authorization");
  });

  it("fails as invalid_client with a wrong secret, keeping the provider's answer in the run", async () => {
    const { run, saved } = await testProfile(
      kit,
      profile({ clientSecret: "not-the-secret-e7c2" }),
      runner,
    );

    expect(run).toMatchObject({
      status: "failed",
      errorClass: "oauth_error",
      responseStatus: 401,
      httpAttempts: 1,
    });
    expect(run.errorMessage).toBe("invalid_client: client authentication failed");
    expect(run.responseHeaders).toMatchObject({
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
    });
    expect(JSON.parse(run.responseBody ?? "")).toEqual({
      error: "invalid_client",
      error_description: "client authentication failed",
    });
    expect(JSON.stringify(run)).not.toContain("not-the-secret-e7c2");
    expect(await kit.db.tokenState.count({ where: { profileId: saved.profileId } })).toBe(0);
  });

  it("fails as invalid_scope when asking for a scope the client may not have", async () => {
    const { run } = await testProfile(
      kit,
      profile({ scopes: [{ key: "scope", value: "api:write" }] }),
      runner,
    );

    expect(run).toMatchObject({ status: "failed", errorClass: "oauth_error", responseStatus: 400 });
    expect(run.errorMessage).toMatch(/^invalid_scope: /);
    expect(JSON.parse(run.responseBody ?? "")).toMatchObject({ error: "invalid_scope" });
  });

  it("substitutes {tenant} in the token URL and keeps the token per tenant", async () => {
    const tenantProfile = profile({
      tenancyEnabled: true,
      tokenRequestUrl: `${tenantProvider.url}/tenants/{tenant}/token`,
    });
    const seen = tenantProvider.requests.length;
    const { run, saved } = await testProfile(kit, tenantProfile, { ...runner, tenant: "acme" });

    expect(run).toMatchObject({ status: "succeeded", tenant: "acme" });
    expect((run.request as { url: string }).url).toBe(`${tenantProvider.url}/tenants/acme/token`);
    expect(tenantProvider.requests.slice(seen)).toEqual([
      expect.objectContaining({ path: "/tenants/acme/token", status: 200 }),
    ]);
    const states = await kit.db.tokenState.findMany({ where: { profileId: saved.profileId } });
    expect(states.map((s) => s.tenant)).toEqual(["acme"]);

    const other = await testProfile(
      kit,
      { ...tenantProfile, name: "Other tenant" },
      {
        ...runner,
        tenant: "globex",
      },
    );
    expect(other.run).toMatchObject({ status: "failed", responseStatus: 404 });
    expect((other.run.request as { url: string }).url).toBe(
      `${tenantProvider.url}/tenants/globex/token`,
    );
  });
});
