// @module-tag resilience
import {
  type OidcTestProvider,
  type ResourceServer,
  startOidcProvider,
  startResourceServer,
} from "@authdeck/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { getProfile, updateProfile } from "../../src/profiles/index.ts";
import type { ApiCallEvent } from "../../src/queue/index.ts";
import { getApiCall, runApiCall, sendApiCall } from "../../src/request-console/index.ts";
import { apiCallRequestSchema, profileFieldsSchema } from "../../src/schemas/index.ts";
import { refreshTokenState } from "../../src/tokens/index.ts";
import { loopbackRefresher, queuingDeps, saveProfile, useTokenRunKit } from "../token-runs.ts";

const kit = useTokenRunKit("dpop_api_call");
const started: Array<OidcTestProvider | ResourceServer> = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

const SECRET = "dpop-api-client-secret-81f0";

const runDeps = () => ({
  ...loopbackRefresher(kit),
  egressTeamMayAllow: [],
  refresh: async (state: { id: string }) => {
    await refreshTokenState(loopbackRefresher(kit), { stateId: state.id });
  },
  publish: async (_event: ApiCallEvent) => {},
});

/** A DPoP-bound client of oidc-provider, and an API that checks every call's proof. */
async function setUp(dpop: { nonce?: string }, settings: { tokenPrefix?: string } = {}) {
  const oidc = await startOidcProvider({
    clients: [
      {
        clientId: "dpop-api",
        clientSecret: SECRET,
        authMethod: "client_secret_basic",
        scope: "api:read",
        dpopBound: true,
      },
    ],
    introspection: true,
  });
  started.push(oidc);
  const api = await startResourceServer({
    ...(oidc.introspection as NonNullable<typeof oidc.introspection>),
    dpop,
  });
  started.push(api);
  const fields = {
    name: "DPoP API",
    identityProviderName: "oidc-provider",
    clientId: "dpop-api",
    clientSecret: SECRET,
    tokenRequestUrl: oidc.tokenUrl,
    scopes: [{ key: "scope", value: "api:read" }],
    apiBaseUrl: `${api.url}/v1`,
    dpop: true,
    ...settings,
  };
  const saved = await saveProfile(kit, fields);
  return { oidc, api, saved, fields };
}

async function consoleCall(
  saved: Awaited<ReturnType<typeof setUp>>["saved"],
  path: string,
  query = "",
  headers: Array<{ name: string; value: string }> = [],
) {
  const { callId } = await sendApiCall(queuingDeps(kit), saved.member, {
    appId: saved.appId,
    profileId: saved.profileId,
    request: apiCallRequestSchema.parse({ method: "GET", path, query, headers }),
  });
  await runApiCall(runDeps(), { callId });
  return getApiCall(kit, saved.member, { ...saved, callId });
}

describe("API calls with a DPoP-bound token", () => {
  it("the console sends Authorization: DPoP and a proof the API verifies (htm, htu, ath)", async () => {
    const { api, saved } = await setUp({});
    const view = await consoleCall(saved, "/orders", "page=2");
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ dpopProblem: null, active: true });
    expect(api.requests[0]?.headers.authorization).toMatch(/^DPoP /);
    expect(view).toMatchObject({ status: "answered", httpStatus: 200 });
    // The request as kept says a proof went, not the proof; nor does the API's echo of it.
    expect(view.sentRequest?.headers).toContainEqual(["DPoP", "********"]);
    const proof = String(api.requests[0]?.headers.dpop);
    const kept = JSON.stringify(view);
    expect(kept).toContain('\\"dpop\\"');
    expect(kept).not.toContain(proof);
  });

  it("answers the API's use_dpop_nonce once, with the same token", async () => {
    const { api, saved } = await setUp({ nonce: "api-nonce-1" });
    await consoleCall(saved, "/orders");
    expect(api.requests.map((r) => r.dpopProblem)).toEqual(["use_dpop_nonce", null]);
    expect(api.requests[1]?.active).toBe(true);
    expect(api.requests[0]?.token).toBe(api.requests[1]?.token);
  });

  it("sends Authdeck's proof alone and the DPoP scheme, whatever the caller's headers and the Token Prefix say", async () => {
    const { api, saved } = await setUp({}, { tokenPrefix: "Bearer" });
    const view = await consoleCall(saved, "/orders", "", [
      { name: "DPoP", value: "a-proof-of-the-callers-own" },
    ]);
    // Two DPoP headers reach the API as one joined value, which no longer verifies.
    expect(api.requests[0]).toMatchObject({ dpopProblem: null, active: true });
    expect(api.requests[0]?.headers.authorization).toMatch(/^DPoP /);
    expect(view).toMatchObject({ status: "answered", httpStatus: 200 });
  });

  it("after the provider revokes the token, the replay with a new token carries the API's nonce", async () => {
    const { oidc, api, saved } = await setUp({ nonce: "api-nonce-2" });
    await consoleCall(saved, "/orders");
    const revoked = api.requests.at(-1)?.token ?? "";
    await oidc.revoke(revoked);
    const view = await consoleCall(saved, "/orders");
    // The nonce asked for (a proof without it), the revoked token refused, the new one used.
    expect(
      api.requests.slice(2).map((r) => [r.dpopProblem, r.token === revoked, r.active]),
    ).toEqual([
      ["use_dpop_nonce", true, false],
      [null, true, false],
      [null, false, true],
    ]);
    expect(view).toMatchObject({ status: "answered", httpStatus: 200 });
  });

  it("after DPoP is turned off and on again (a new key), the next call uses a token bound to the new key", async () => {
    const { api, saved, fields } = await setUp({});
    await consoleCall(saved, "/orders");
    const deps = { ...kit, now: () => new Date() };
    for (const dpop of [false, true]) {
      const { version } = await getProfile(kit, saved.member, saved);
      await updateProfile(deps, saved.member, {
        appId: saved.appId,
        profileId: saved.profileId,
        version,
        profile: profileFieldsSchema.parse({ ...fields, dpop, clientSecret: undefined }),
      });
    }
    const view = await consoleCall(saved, "/orders");
    // Straight through: the token bound to the dropped key was not sent with the new key's proof.
    expect(api.requests.slice(1).map((r) => [r.dpopProblem, r.active])).toEqual([[null, true]]);
    expect(api.requests[1]?.token).not.toBe(api.requests[0]?.token);
    expect(view).toMatchObject({ status: "answered", httpStatus: 200 });
  });
});
