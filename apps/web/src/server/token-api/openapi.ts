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

const errorContent = {
  "application/json": { schema: { $ref: "#/components/schemas/Error" } },
} as const;

const idParameters = [
  { name: "appId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
  { name: "profileId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
] as const;

const failureSide = {
  "Authdeck-Failure-Side": {
    description: "On an answer that is not a success: whose failure it is.",
    schema: { type: "string", enum: ["authdeck", "token-provider", "api"] },
  },
} as const;

/** One call through the proxy, the same for every method. */
const proxyOperation = {
  summary: "Call the profile's API with its token and authorization fields",
  description:
    "Forwarded to the profile's API Base URL plus `path` (which may span several segments but must stay under the base: no dot segments, encoded slashes, empty segments, backslashes, @ or control characters). The token and the authorization fields are placed as the profile says; the caller's Authorization, cookies, Authdeck-Tenant and hop-by-hop headers are not forwarded. Bodies stream both ways and redirects are returned, not followed. On one of the profile's auth error statuses the token is replaced and the call replayed once when its body was small enough to keep.",
  parameters: [
    ...idParameters,
    {
      name: "path",
      in: "path",
      required: true,
      description: "The path below the API Base URL.",
      schema: { type: "string" },
    },
    {
      name: "tenant",
      in: "query",
      required: false,
      description:
        "Required when the profile has tenancy (or give the Authdeck-Tenant header); never forwarded.",
      schema: { type: "string", pattern: "^[A-Za-z0-9._-]{1,100}$" },
    },
  ],
  responses: {
    default: {
      description:
        "The API's answer: its status, headers (less hop-by-hop ones and Set-Cookie) and body, streamed. An error status carries Authdeck-Failure-Side: api.",
      headers: failureSide,
    },
    "400": {
      description: "A refused path, or a missing or invalid tenant.",
      headers: failureSide,
      content: errorContent,
    },
    "401": { description: "No valid API key.", headers: failureSide, content: errorContent },
    "404": {
      description: "No such profile in an app this key may read.",
      headers: failureSide,
      content: errorContent,
    },
    "409": {
      description: "The profile has no API Base URL, or its secrets were saved for another origin.",
      headers: failureSide,
      content: errorContent,
    },
    "413": {
      description: "A body taking Payload fields is over its limit.",
      headers: failureSide,
      content: errorContent,
    },
    "429": {
      description: "Too many calls with this key; see Retry-After.",
      headers: failureSide,
      content: errorContent,
    },
    "502": {
      description:
        "The egress rules refuse the destination (side authdeck), or the API could not be reached (side api).",
      headers: failureSide,
      content: errorContent,
    },
    "503": {
      description: "No valid token could be obtained in time (side token-provider).",
      headers: failureSide,
      content: errorContent,
    },
    "504": {
      description: "The API sent no answer in time (side api).",
      headers: failureSide,
      content: errorContent,
    },
  },
} as const;

/** The token API and the proxy as an OpenAPI 3.1 document, served at /api/v1/openapi.json. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Authdeck token API",
    version: "1",
    description:
      "Services fetch the current access token of an authorization profile instead of holding its client secret, or call the profile's API through Authdeck, which places the token and the authorization fields. Authdeck refreshes the token first when it has expired or is about to.",
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
    "/apps/{appId}/profiles/{profileId}/proxy/{path}": {
      // Services call the proxy process on its own port; the web's port answers the same calls.
      servers: [
        {
          url: "{proxyOrigin}/api/v1",
          description:
            "The API proxy process (apps/proxy) on PROXY_PORT: what services should call (by default the web's port plus one).",
          variables: {
            proxyOrigin: {
              default: "http://localhost:3001",
              description: "Scheme, host and PROXY_PORT of the proxy process.",
            },
          },
        },
        {
          url: "/api/v1",
          description: "The web's port: the same calls through the same code, slower.",
        },
      ],
      get: proxyOperation,
      post: proxyOperation,
      put: proxyOperation,
      patch: proxyOperation,
      delete: proxyOperation,
      head: proxyOperation,
      options: proxyOperation,
    },
  },
} as const;
