import { storeToken } from "@authdeck/core/tokens";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as openApiRoute } from "~/app/api/v1/openapi.json/route.ts";
import { baseUrl, teamWithApp } from "../support/harness.ts";
import { useTokenApi } from "../support/token-api.ts";

/**
 * The served OpenAPI document is generated from the schemas the token route shapes its answers
 * with: real answers of the route are validated against it by an independent JSON Schema
 * validator, so the document cannot promise what the route does not send.
 */

const { server, api } = await useTokenApi("token_api_openapi");
const TOKEN_PATH = "/apps/{appId}/profiles/{profileId}/token";
const PROXY_PATH = "/apps/{appId}/profiles/{profileId}/proxy/{path}";
const ACCESS_TOKEN = "access-token-for-the-openapi-test-6f2a";

type Document = {
  openapi: string;
  security: unknown;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
  paths: Record<string, Record<string, { responses: Record<string, { content?: Json }> }>>;
};
type Json = Record<string, { schema: { $ref: string } }>;

let doc: Document;
let caller: { apiKey: string; appId: string; profileId: string };
const DOC_ID = "https://authdeck.test/api/v1/openapi.json";

/** A validator for the JSON answer a status of a path (the token's by default) is documented with. */
function validatorFor(status: string, path = TOKEN_PATH) {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; "example" is OpenAPI's own annotation.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date-time", true);
  ajv.addSchema({ ...doc, $id: DOC_ID });
  const ref = doc.paths[path]?.get?.responses[status]?.content?.["application/json"]?.schema;
  expect(ref, `the ${status} answer has a documented schema`).toBeDefined();
  return ajv.compile({ $ref: `${DOC_ID}${ref!.$ref}` });
}

beforeAll(async () => {
  const response = await openApiRoute();
  expect(response.status).toBe(200);
  doc = await response.json();

  const { team, app, createKey, createProfile } = await teamWithApp(server, "Documented");
  const profile = await createProfile({
    name: "Documented",
    identityProviderName: "IdP",
    tokenRequestUrl: "https://idp.example.com/token",
    clientId: "documented",
    clientSecret: "documented-secret",
    fields: [
      { type: "header", key: "X-Api-Key", value: "field-secret-7d1c", secret: true },
      { type: "query", key: "api-version", value: "2024-01", secret: false },
    ],
  });
  await storeToken(
    { db: server.db, sealer: server.context(null, null).sealer },
    {
      teamId: team.id,
      profileId: profile.id,
      tenant: "",
      accessToken: ACCESS_TOKEN,
      refreshToken: null,
      tokenType: "Bearer",
      expiresIn: 3600,
      jwtExp: null,
      defaultLifetimeSeconds: 3300,
      obtainedAt: new Date(),
    },
  );
  const key = await createKey("Doc");
  caller = { apiKey: key, appId: app.id, profileId: profile.id };
});

describe("the token API's OpenAPI document", () => {
  it("is an OpenAPI 3.1 document with the token path, its answers and the bearer key scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    expect(Object.keys(doc.paths)).toEqual([TOKEN_PATH, PROXY_PATH]);
    expect(Object.keys(doc.paths[PROXY_PATH]!).sort()).toEqual([
      "delete",
      "get",
      "head",
      "options",
      "patch",
      "post",
      "put",
      "servers",
    ]);
    const responses = doc.paths[TOKEN_PATH]!.get!.responses;
    expect(Object.keys(responses).sort()).toEqual(["200", "400", "401", "404", "429", "503"]);
    for (const [status, response] of Object.entries(responses)) {
      const ref = response.content?.["application/json"]?.schema.$ref ?? "";
      const name = ref.replace(/^#\/components\/schemas\//, "");
      expect(doc.components.schemas, `${status} refers to ${ref}`).toHaveProperty(name);
    }
    // Components of a document, not documents of their own.
    for (const schema of Object.values(doc.components.schemas)) {
      expect(schema).not.toHaveProperty("$schema");
      expect(schema).not.toHaveProperty("$id");
    }
  });

  it("describes the token answer the route really sends", async () => {
    const response = await api.get({
      authorization: `Bearer ${caller.apiKey}`,
      appId: caller.appId,
      profileId: caller.profileId,
    });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer).toMatchObject({ access_token: ACCESS_TOKEN, token_type: "Bearer" });
    expect(answer.fields).toHaveLength(2);
    // expires_in: whole seconds from this answer to expires_at, for clients that count down.
    const untilExpiry = (Date.parse(answer.expires_at) - Date.now()) / 1000;
    expect(Number.isInteger(answer.expires_in)).toBe(true);
    expect(Math.abs(answer.expires_in - untilExpiry)).toBeLessThanOrEqual(5);

    const validate = validatorFor("200");
    expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
    // The validator checks: a field the document does not name, or a wrong type, is refused.
    expect(validate({ ...answer, refresh_token: "r" })).toBe(false);
    expect(validate({ ...answer, expires_at: 1_700_000_000 })).toBe(false);
    expect(validate({ ...answer, expires_in: -1 })).toBe(false);
  });

  it("describes the error answers the route really sends", async () => {
    const validate = validatorFor("404");
    const unknownProfile = await api.get({
      authorization: `Bearer ${caller.apiKey}`,
      appId: caller.appId,
      profileId: crypto.randomUUID(),
    });
    expect(unknownProfile.status).toBe(404);
    const answer = await unknownProfile.json();
    expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...answer, error: "teapot" })).toBe(false);

    const noKey = await api.get({ appId: caller.appId, profileId: caller.profileId });
    expect(noKey.status).toBe(401);
    const unauthorized = validatorFor("401");
    expect(unauthorized(await noKey.json())).toBe(true);
  });

  it("describes the proxy's own error answers the route really sends", async () => {
    const { GET: proxy } = await import(
      "~/app/api/v1/apps/[appId]/profiles/[profileId]/proxy/[...path]/route.ts"
    );
    const { appId, profileId } = caller;
    // The documented profile has no API Base URL: the proxy says to set one.
    const response = await proxy(
      new Request(`${baseUrl}/api/v1/apps/${appId}/profiles/${profileId}/proxy/orders`, {
        headers: { authorization: `Bearer ${caller.apiKey}` },
      }),
    );
    expect(response.status).toBe(409);
    expect(response.headers.get("authdeck-failure-side")).toBe("authdeck");
    const validate = validatorFor("409", PROXY_PATH);
    const answer = await response.json();
    expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...answer, error: "teapot" })).toBe(false);
  });
});
