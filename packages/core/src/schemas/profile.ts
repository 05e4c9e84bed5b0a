import { z } from "zod";
import { FIELD_TYPE_LABELS, FIELD_TYPES } from "../shared/field-types.ts";
import { headerKeyProblem } from "../shared/header-names.ts";
import { placeholdersIn, placeholderValueProblem } from "../shared/placeholders.ts";
import { characterCount, PROFILE_LIMITS as L } from "../shared/profile-limits.ts";
import { givenTenantSchema, TENANT_PLACEHOLDER } from "../shared/tenant-rules.ts";
import { urlProblem } from "../shared/url-rules.ts";
import { appRef } from "./app.ts";
import { idSchema, withNameCharacters } from "./common.ts";

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => characterCount(v) <= max, `${label} must be at most ${max} characters`);
const required = (label: string, max: number) =>
  text(label, max).refine((v) => v.length > 0, `${label} is required`);

export const CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;

const PATH_PARAM_KEY = /^[A-Za-z0-9_.-]+$/;

export const scopePairSchema = z.object({
  key: required("Key", L.scopeKey),
  value: text("Value", L.scopeValue),
});

/**
 * An authorization field. `value` is omitted when editing a secret field whose stored value
 * should stay as it is (it is never sent back to the browser).
 */
export const authorizationFieldSchema = z
  .object({
    type: z.enum(FIELD_TYPES, { message: "Choose a Field Type" }),
    key: required("Field Key", L.fieldKey),
    value: text("Field Value", L.fieldValue).optional(),
    secret: z.boolean().default(false),
  })
  .superRefine((field, ctx) => {
    const headerProblem = field.type === "header" && field.key && headerKeyProblem(field.key);
    if (headerProblem) ctx.addIssue({ code: "custom", path: ["key"], message: headerProblem });
    if (field.type === "path" && field.key && !PATH_PARAM_KEY.test(field.key)) {
      ctx.addIssue({
        code: "custom",
        path: ["key"],
        message: "Use letters, digits, '.', '_' or '-' only",
      });
    }
    const valueProblem =
      field.type === "path" && field.value !== undefined && placeholderValueProblem(field.value);
    if (valueProblem)
      ctx.addIssue({ code: "custom", path: ["value"], message: `Field Value ${valueProblem}` });
    if (field.type === "path" && field.key === TENANT_PLACEHOLDER) {
      ctx.addIssue({ code: "custom", path: ["key"], message: "{tenant} is reserved for tenancy" });
    }
  });

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** The profile as the New Authorization Mechanism dialog, the procedures and storage see it. */
export const profileFieldsSchema = z
  .object({
    type: z.literal("oauth2_client_credentials").default("oauth2_client_credentials"),
    name: required("Name", L.name).superRefine(withNameCharacters("Name")),
    identityProviderName: required("Identity Provider Name", L.identityProviderName).superRefine(
      withNameCharacters("Identity Provider Name"),
    ),
    clientId: text("Client ID", L.clientId).default(""),
    /** Write-only. On edit: omitted keeps the stored secret, a string replaces it. */
    clientSecret: z
      .string()
      .refine(
        (v) => characterCount(v) <= L.clientSecret,
        `Client Secret Key must be at most ${L.clientSecret} characters`,
      )
      .optional(),
    tokenRequestUrl: z.string().trim().min(1, "Token Request URL is required"),
    scopes: z.array(scopePairSchema).max(L.scopes, `At most ${L.scopes} scope pairs`).default([]),
    refreshTokenUrl: optionalUrl,
    description: text("Description", L.description).default(""),
    clientAuthMethod: z.enum(CLIENT_AUTH_METHODS).default("client_secret_basic"),
    tenancyEnabled: z.boolean().default(false),
    fields: z
      .array(authorizationFieldSchema)
      .max(L.fields, `At most ${L.fields} authorization fields`)
      .default([]),
  })
  .superRefine((profile, ctx) => {
    const urls = [
      ["tokenRequestUrl", "Token Request URL", profile.tokenRequestUrl],
      ["refreshTokenUrl", "Refresh Token URL", profile.refreshTokenUrl],
    ] as const;
    for (const [path, label, url] of urls) {
      if (!url) continue;
      const problem = urlProblem(url, label);
      if (problem) {
        ctx.addIssue({ code: "custom", path: [path], message: problem });
        continue;
      }
      const names = placeholdersIn(url);
      const pathKeys = new Set(profile.fields.filter((f) => f.type === "path").map((f) => f.key));
      for (const name of names) {
        if (name === TENANT_PLACEHOLDER) {
          if (!profile.tenancyEnabled) {
            ctx.addIssue({
              code: "custom",
              path: [path],
              message: "{tenant} needs tenancy turned on",
            });
          }
        } else if (!pathKeys.has(name)) {
          ctx.addIssue({
            code: "custom",
            path: [path],
            message: `{${name}} is not a Path Param of this profile`,
          });
        }
      }
    }
    if (
      profile.tenancyEnabled &&
      !urls.some(([, , url]) => url && placeholdersIn(url).includes(TENANT_PLACEHOLDER))
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["tokenRequestUrl"],
        message: "With tenancy on, a URL must contain {tenant}",
      });
    }
    const seen = new Set<string>();
    profile.fields.forEach((field, index) => {
      // Header names are case-insensitive; other keys are not.
      const key = `${field.type}:${field.type === "header" ? field.key.toLowerCase() : field.key}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["fields", index, "key"],
          message: `Another ${FIELD_TYPE_LABELS[field.type]} field already has this key`,
        });
      }
      seen.add(key);
      if (field.type === "path" && !placeholdersIn(profile.tokenRequestUrl).includes(field.key)) {
        ctx.addIssue({
          code: "custom",
          path: ["fields", index, "key"],
          message: `Add {${field.key}} to the Token Request URL, where this value goes`,
        });
      }
    });
  });

export type ProfileFields = z.infer<typeof profileFieldsSchema>;
export type ProfileFieldsInput = z.input<typeof profileFieldsSchema>;

export const profileRef = appRef.extend({ profileId: idSchema });
export const createProfileInput = appRef.extend({
  profile: profileFieldsSchema,
  /** Keep a fresh token ready once a test passes; left out, the profile gets the default (on). */
  autoRefresh: z.boolean().optional(),
});
export const updateProfileInput = profileRef.extend({
  version: z.number().int().positive(),
  profile: profileFieldsSchema,
});

export const PROFILE_SORTS = ["name", "identityProviderName", "type", "updatedAt"] as const;

export const listProfilesInput = appRef.extend({
  search: z.string().trim().max(100, "Search must be at most 100 characters").default(""),
  sort: z.enum(PROFILE_SORTS).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
});
export type ListProfilesInput = z.infer<typeof listProfilesInput>;

export const previewRequestInput = appRef.extend({
  /** A saved profile, or the dialog's current values. */
  profileId: idSchema.optional(),
  draft: profileFieldsSchema.optional(),
  tenant: givenTenantSchema,
});

// Not widened to string where it is used, so an export's format is checked as this literal.
export const EXPORT_FORMAT = "authdeck.profiles" as const;

/** A profile in an export file: everything but secrets, with a note of which ones it had. */
export const exportedProfileSchema = z.object({
  type: z.literal("oauth2_client_credentials").default("oauth2_client_credentials"),
  name: z.string(),
  identityProviderName: z.string(),
  clientId: z.string().default(""),
  hasClientSecret: z.boolean().default(false),
  tokenRequestUrl: z.string(),
  refreshTokenUrl: z.string().optional(),
  scopes: z.array(z.object({ key: z.string(), value: z.string() })).default([]),
  description: z.string().default(""),
  clientAuthMethod: z.enum(CLIENT_AUTH_METHODS).default("client_secret_basic"),
  tenancyEnabled: z.boolean().default(false),
  fields: z
    .array(
      z.object({
        type: z.enum(FIELD_TYPES),
        key: z.string(),
        secret: z.boolean().default(false),
        value: z.string().optional(),
      }),
    )
    .default([]),
});

export const exportDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { message: "Not an Authdeck profile export" }),
  version: z.literal(1, { message: "This export's version is not supported" }),
  profiles: z.array(exportedProfileSchema).max(1000, "At most 1000 profiles per import"),
});

export const importProfilesInput = appRef.extend({ document: exportDocumentSchema });

export const startTestInput = profileRef.extend({ tenant: givenTenantSchema });
export const runRef = appRef.extend({ runId: idSchema });
export const listRunsInput = profileRef.extend({
  limit: z.number().int().min(1).max(50).default(10),
});

export const setAutoRefreshInput = profileRef.extend({ enabled: z.boolean() });
