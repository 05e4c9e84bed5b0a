// @module-tag resilience
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestTables } from "../support/db-digest.ts";
import { baseUrl, type Server, startServer } from "../support/harness.ts";
import { createFixture, type Fixture } from "../support/procedure-samples.ts";

/**
 * A JSON body may spell half of a UTF-16 pair on its own ("\ud800"): a string no UTF-8 text can
 * hold. PostgreSQL's jsonb refuses it (so the audit trail did, as an internal error) and its
 * text columns would store a replacement character instead. Every input must refuse it on its
 * field.
 */

const server: Server = await startServer("surrogates");
const { handleTrpcRequest } = await import("~/server/trpc-handler.ts");
let fixture: Fixture;

beforeAll(async () => {
  fixture = await createFixture(server);
});
afterAll(async () => {
  await server.close();
});

const LONE = "\\ud800";

/** A mutation over the HTTP edge as the owner, with `body` sent as written (escapes kept). */
async function post(path: string, body: string) {
  const response = await handleTrpcRequest(
    new Request(new URL(`/api/trpc/${path}`, baseUrl), {
      method: "POST",
      body: `{"json":${body}}`,
      headers: { "content-type": "application/json", origin: baseUrl },
    }),
    async () => server.context(fixture.users.owner, baseUrl),
    () => {
      throw new Error("the route logged an internal failure");
    },
  );
  const answer = (await response.json()) as {
    error?: { json: { message: string; data: { fieldErrors: Record<string, string> | null } } };
  };
  return { status: response.status, fieldErrors: answer.error?.json.data.fieldErrors ?? null };
}

const profileWith = (overrides: string) =>
  `{"teamId":"${fixture.teamId}","appId":"${fixture.appId}","profile":{"name":"Surrogate ${Math.random()}","identityProviderName":"IdP","tokenRequestUrl":"https://idp.example.com/token",${overrides}}}`;

describe("a lone surrogate", () => {
  it.each([
    [
      "profile.create",
      "client id",
      () => profileWith(`"clientId":"client${LONE}"`),
      "profile.clientId",
    ],
    [
      "profile.create",
      "description",
      () => profileWith(`"description":"${LONE}x"`),
      "profile.description",
    ],
    [
      "profile.create",
      "scope value",
      () => profileWith(`"scopes":[{"key":"scope","value":"read${LONE}"}]`),
      "profile.scopes.0.value",
    ],
    [
      "profile.create",
      "secret field value",
      () =>
        profileWith(`"fields":[{"type":"payload","key":"aud","value":"${LONE}","secret":true}]`),
      "profile.fields.0.value",
    ],
    [
      "profile.create",
      "client secret",
      () => profileWith(`"clientSecret":"s${LONE}"`),
      "profile.clientSecret",
    ],
    [
      "team.setEgressAllowlist",
      "egress rule",
      () => `{"teamId":"${fixture.teamId}","rules":["10.0.0.1${LONE}"]}`,
      "rules.0",
    ],
    ["app.create", "app name", () => `{"teamId":"${fixture.teamId}","name":"App${LONE}"}`, "name"],
    [
      "profile.create",
      "object key",
      () => profileWith(`"scopes":[{"key":"scope","value":"read","x${LONE}":1}]`),
      "profile.scopes.0.x\ud800",
    ],
  ])("in %s (%s) is refused on its field, changing nothing", async (path, _, body, field) => {
    const before = await digestTables(server.db);
    const answer = await post(path, body());
    expect(answer).toEqual({
      status: 400,
      fieldErrors: { [field]: expect.stringContaining("lone surrogate") },
    });
    expect(await digestTables(server.db)).toEqual(before);
  });
});
