import { z } from "zod";
import { FIELD_TYPES } from "../../shared/field-types.ts";
import { TOKEN_STATES } from "../../shared/token-state.ts";
import { sentRequestSchema } from "../evidence.ts";
import {
  ASSERTION_AUDIENCES,
  CLIENT_AUTH_METHODS,
  exportDocumentSchema,
  SIGNING_ALGORITHMS,
  TOKEN_PLACEMENTS,
} from "../profile.ts";

export const listProfilesOutput = z.object({
  total: z.number(),
  /** More profiles match than `total`: the count stopped there. */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  profiles: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      type: z.string(),
      identityProviderName: z.string(),
      tokenUrlHost: z.string(),
      needsSecrets: z.boolean(),
      updatedAt: z.date(),
      lastTest: z.object({ status: z.string(), finishedAt: z.date().nullable() }).nullable(),
      token: z.object({ status: z.enum(TOKEN_STATES), expiresAt: z.date().nullable() }).nullable(),
    }),
  ),
});

/** A profile for its form: secrets are never in it, only whether each one is set. */
export const profileOutput = z.object({
  id: z.string(),
  appId: z.string(),
  version: z.number(),
  type: z.literal("oauth2_client_credentials"),
  name: z.string(),
  identityProviderName: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  /** YYYY-MM-DD, or "" when not entered. */
  clientSecretExpiresOn: z.string(),
  tokenRequestUrl: z.string(),
  refreshTokenUrl: z.string(),
  scopes: z.array(z.object({ key: z.string(), value: z.string() })),
  description: z.string(),
  clientAuthMethod: z.enum(CLIENT_AUTH_METHODS),
  assertionAudience: z.enum(ASSERTION_AUDIENCES),
  issuer: z.string(),
  revocationEndpoint: z.string(),
  introspectionEndpoint: z.string(),
  providerAuthMethods: z.array(z.string()),
  assertionLifetimeSeconds: z.number(),
  signingAlgorithm: z.enum(SIGNING_ALGORITHMS),
  hasPrivateKey: z.boolean(),
  keyId: z.string().nullable(),
  /** The path segment of the profile's public JWKS URL; null until it has a key. */
  jwksId: z.string().nullable(),
  /** Every key the JWKS publishes: the current one and, during a rotation, next and previous. */
  keys: z.array(
    z.object({
      role: z.enum(["current", "next", "previous"]),
      kid: z.string(),
      addedAt: z.date().nullable(),
    }),
  ),
  clientCertificate: z.string(),
  /** The stored client certificate's leaf, as it describes itself; null without one. */
  certificate: z.object({ subject: z.string(), issuer: z.string(), validTo: z.date() }).nullable(),
  hasCertificateKey: z.boolean(),
  caBundle: z.string(),
  /** DPoP is on while the profile holds a DPoP key (never returned). */
  dpop: z.boolean(),
  tenancyEnabled: z.boolean(),
  autoRefresh: z.boolean(),
  apiBaseUrl: z.string(),
  tokenPlacement: z.enum(TOKEN_PLACEMENTS),
  tokenParameterName: z.string(),
  tokenPrefix: z.string(),
  authErrorStatusCodes: z.array(z.number()),
  needsSecrets: z.boolean(),
  fields: z.array(
    z.object({
      type: z.enum(FIELD_TYPES),
      key: z.string(),
      secret: z.boolean(),
      // Absent for a secret field: its value stays sealed.
      value: z.string().optional(),
      hasValue: z.boolean(),
    }),
  ),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const describeCertificateOutput = z.object({
  subject: z.string(),
  issuer: z.string(),
  validTo: z.date(),
});

export const savedProfileOutput = z.object({ id: z.string(), version: z.number() });
export const duplicateProfileOutput = z.object({ id: z.string(), name: z.string() });
export const deletedProfileOutput = z.object({ id: z.string() });
export const previewRequestOutput = z.object({
  request: sentRequestSchema,
  curl: z.string(),
  /** An assertion method's JWT header and claims as a test would make them; never signed. */
  assertion: z
    .object({
      header: z.record(z.string(), z.string()),
      claims: z.object({
        iss: z.string(),
        sub: z.string(),
        aud: z.string(),
        jti: z.string(),
        iat: z.number(),
        exp: z.number(),
      }),
    })
    .nullable(),
});
export const exportProfilesOutput = exportDocumentSchema.extend({
  exportedAt: z.string(),
  app: z.string(),
});
export const importProfilesOutput = z.object({ imported: z.number() });

/** What a key rotation step did: the kid of the key it added, made current or retired. */
export const keyRotationOutput = z.object({ kid: z.string() });
