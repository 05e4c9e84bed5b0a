// @module-tag resilience
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { digestTables } from "../support/db-digest.ts";
import { anyValue } from "../support/fuzz.ts";
import { createTeamWithMembers } from "../support/harness.ts";
import { type TokenApiCall, tokenApiTarget, useTokenApi } from "../support/token-api.ts";

/**
 * The token API, called over HTTP with fuzzed path segments, ?tenant= and Authorization header.
 * Only refusals are generated (a request that would really fetch a token is skipped): each is a
 * 4xx with the documented JSON error, a 400 names the field, and no table changes. A request
 * whose head is longer than Node's limit is refused by Node itself, with 431 and no body.
 */

const RUNS = 300;

const { server, api } = await useTokenApi("token_api_fuzz", {
  TOKEN_API_RATE_LIMIT_PER_KEY: "1000000",
});
const { tenantSchema } = await import("@authdeck/core/client");

type Ids = { appId: string; otherAppId: string; plainId: string; tenancyId: string };
let ids: Ids;
let keys: { valid: string; otherApp: string; revoked: string };

beforeAll(async () => {
  const { team, users } = await createTeamWithMembers(server.db, "Token API fuzz");
  const owner = server.callerFor(users.owner);
  const teamId = team.id;
  const app = await owner.app.create({ teamId, name: "Fuzzed" });
  const other = await owner.app.create({ teamId, name: "Other" });
  const profile = (name: string, tenancyEnabled: boolean) =>
    owner.profile.create({
      teamId,
      appId: app.id,
      profile: {
        name,
        identityProviderName: "IdP",
        clientId: "fuzz",
        clientSecret: "fuzz-secret",
        tokenRequestUrl: tenancyEnabled
          ? "https://idp.example.com/{tenant}/token"
          : "https://idp.example.com/token",
        tenancyEnabled,
      },
    });
  const [plain, tenancy] = [await profile("Plain", false), await profile("Tenancy", true)];
  ids = { appId: app.id, otherAppId: other.id, plainId: plain.id, tenancyId: tenancy.id };
  const key = (name: string, appIds: string[]) => owner.apiKey.create({ teamId, name, appIds });
  const revoked = await key("Revoked", [app.id]);
  await owner.apiKey.revoke({ teamId, apiKeyId: revoked.id });
  keys = {
    valid: (await key("Valid", [app.id])).key,
    otherApp: (await key("Other app", [other.id])).key,
    revoked: revoked.key,
  };
  // Authenticating writes last-used at most once a minute: done now, it stays put below.
  for (const key of [keys.valid, keys.otherApp])
    await call({ authorization: `Bearer ${key}`, appId: ids.appId, profileId: ids.appId });
});

async function call(request: TokenApiCall) {
  const response = await api.get(request);
  const text = await response.text();
  return {
    status: response.status,
    body: response.status === 431 ? text : JSON.parse(text),
    headers: response.headers,
  };
}

// Node's limit on a request's head (http.maxHeaderSize), and room for the headers besides the
// request target: a target past the first is refused by Node, one under the second never is.
const HEAD_LIMIT = 16 * 1024;
const OTHER_HEADERS = 1024;

/** Header values HTTP can carry: visible ASCII and spaces, no line breaks. */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 120,
});
const textOf = (arbitrary: fc.Arbitrary<unknown>) =>
  arbitrary.map((value) => (typeof value === "string" ? value : (JSON.stringify(value) ?? "")));

const request = () => {
  const mutated = (key: string) =>
    fc
      .tuple(fc.nat({ max: key.length - 1 }), fc.constantFrom("A", "-", "_", ""))
      .map(([at, c]) => key.slice(0, at) + c + key.slice(at + 1));
  const authorization = fc.option(
    fc.oneof(
      fc.constantFrom(
        `Bearer ${keys.valid}`,
        `bearer ${keys.valid}`,
        `Bearer ${keys.otherApp}`,
        `Bearer ${keys.revoked}`,
        `Basic ${keys.valid}`,
        `Bearer  ${keys.valid}`,
        `Bearer ${keys.valid} extra`,
      ),
      headerText,
      headerText.map((text) => `Bearer ${text}`),
      mutated(keys.valid).map((key) => `Bearer ${key}`),
    ),
    { nil: undefined },
  );
  const known = [ids.appId, ids.otherAppId, ids.plainId, ids.tenancyId];
  const id = fc.oneof(fc.constantFrom(...known), textOf(anyValue(known)), fc.uuid());
  const tenant = fc.option(
    fc.oneof(textOf(anyValue()), fc.constantFrom("acme", "", " ", "a".repeat(101), "x/y")),
    { nil: undefined },
  );
  const anything = fc.record({ authorization, appId: id, profileId: id, tenant });
  // A valid key for a real profile: only the tenant can be wrong, which is checked last.
  const nearlyValid = fc.record({
    authorization: fc.constant(`Bearer ${keys.valid}`),
    appId: fc.constant(ids.appId),
    profileId: fc.constantFrom(ids.plainId, ids.tenancyId),
    tenant,
  });
  return fc.oneof(anything, nearlyValid);
};

/** Would this request really fetch a token? Those are the token API's work, not refusals. */
function wouldServe(r: TokenApiCall) {
  const key = /^Bearer (\S+)$/i.exec(r.authorization ?? "")?.[1];
  if (key !== keys.valid || r.appId !== ids.appId) return false;
  if (r.profileId === ids.plainId) return !r.tenant;
  return r.profileId === ids.tenancyId && tenantSchema.safeParse(r.tenant ?? "").success;
}

const ERRORS: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized",
  404: "not_found",
};

describe("the token API", () => {
  it("refuses every malformed or unauthorized request with a 4xx that says why, changing nothing", async () => {
    const before = await digestTables(server.db);
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request(), async (r) => {
        fc.pre(!wouldServe(r));
        const answer = await call(r);
        const described = `${JSON.stringify(r).slice(0, 300)} → ${answer.status} ${JSON.stringify(answer.body)}`;
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        const targetBytes = tokenApiTarget(r).length;
        if (targetBytes > HEAD_LIMIT) expect(answer.status, described).toBe(431);
        if (answer.status === 431) {
          expect(targetBytes, described).toBeGreaterThan(HEAD_LIMIT - OTHER_HEADERS);
          return;
        }
        expect(Object.keys(ERRORS).map(Number), described).toContain(answer.status);
        expect(answer.body.error, described).toBe(ERRORS[answer.status]);
        expect(answer.body.message, described).toMatch(/\S/);
        expect(answer.headers.get("cache-control")).toBe("no-store");
        if (answer.status === 400)
          expect(answer.body.fieldErrors, described).toHaveProperty("tenant");
        if (answer.status === 401)
          expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="authdeck"');
      }),
      { numRuns: RUNS },
    );
    expect(await digestTables(server.db)).toEqual(before);
    // The generator reaches every kind of refusal, not only the first check.
    expect([...seen.keys()].filter((status) => status !== 431).sort()).toEqual([400, 401, 404]);
  });
});
