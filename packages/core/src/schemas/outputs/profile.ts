import { z } from "zod";
import { FIELD_TYPES } from "../../shared/field-types.ts";
import { TOKEN_STATES } from "../../shared/token-state.ts";
import { sentRequestSchema } from "../evidence.ts";
import { CLIENT_AUTH_METHODS, exportDocumentSchema } from "../profile.ts";

export const listProfilesOutput = z.object({
  total: z.number(),
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
  tokenRequestUrl: z.string(),
  refreshTokenUrl: z.string(),
  scopes: z.array(z.object({ key: z.string(), value: z.string() })),
  description: z.string(),
  clientAuthMethod: z.enum(CLIENT_AUTH_METHODS),
  tenancyEnabled: z.boolean(),
  autoRefresh: z.boolean(),
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

export const savedProfileOutput = z.object({ id: z.string(), version: z.number() });
export const duplicateProfileOutput = z.object({ id: z.string(), name: z.string() });
export const deletedProfileOutput = z.object({ id: z.string() });
export const previewRequestOutput = z.object({ request: sentRequestSchema, curl: z.string() });
export const exportProfilesOutput = exportDocumentSchema.extend({
  exportedAt: z.string(),
  app: z.string(),
});
export const importProfilesOutput = z.object({ imported: z.number() });
