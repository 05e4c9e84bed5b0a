import "server-only";
import { TENANT_LIMITS } from "@authdeck/core/client";
import { z } from "zod";
import { errorAnswerSchema, tokenAnswerSchema } from "./answer.ts";

/**
 * The answers' schemas as OpenAPI 3.1 components (JSON Schema 2020-12), generated from the zod
 * schemas the route parses its answers with. Each is a component of the document, not a
 * document of its own, so zod's `$schema` and `$id` are left out.
 */
function componentSchemas() {
  const registry = z.registry<{ id: string }>();
  registry.add(tokenAnswerSchema, { id: "Token" });
  registry.add(errorAnswerSchema, { id: "Error" });
  const { schemas } = z.toJSONSchema(registry, {
    io: "output",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]),
  );
}

/** The token API as an OpenAPI 3.1 document, served at /api/v1/openapi.json. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Authdeck token API",
    version: "1",
    description:
      "Services fetch the current access token of an authorization profile instead of holding its client secret. Authdeck refreshes the token first when it has expired or is about to.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ apiKey: [] }],
  components: {
    securitySchemes: {
      apiKey: {
        type: "http",
        scheme: "bearer",
        description: "A team API key (adk_...), created by an admin and limited to chosen apps.",
      },
    },
    schemas: componentSchemas(),
  },
  paths: {
    "/apps/{appId}/profiles/{profileId}/token": {
      get: {
        summary: "The profile's current access token",
        parameters: [
          { name: "appId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          {
            name: "profileId",
            in: "path",
            required: true,
            schema: { type: "string", format: "uuid" },
          },
          {
            name: "tenant",
            in: "query",
            required: false,
            description: `Required when the profile has tenancy: 1-100 letters, digits, '.', '_' or '-', not only dots. A profile keeps tokens for at most ${TENANT_LIMITS.perProfile} tenants; one nobody asks for in ${TENANT_LIMITS.unusedDays} days is removed.`,
            schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,100}$" },
          },
        ],
        responses: {
          "200": {
            description:
              "A token valid for at least 30 more seconds. Sent with Cache-Control: no-store.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Token" } } },
          },
          "400": {
            description: `A missing, unexpected or invalid tenant, or a new tenant for a profile that already keeps ${TENANT_LIMITS.perProfile}.`,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
          "401": {
            description: "No valid API key.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
          "404": {
            description: "No such profile in an app this key may read.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
          "429": {
            description: "Too many requests with this key; see Retry-After.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
          "503": {
            description:
              "No valid token could be obtained in time; see Retry-After and the message.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        },
      },
    },
  },
} as const;
