import { z } from "zod";
import { isCalendarDay } from "../shared/calendar-day.ts";
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

export const CLIENT_AUTH_METHODS = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "tls_client_auth",
  "self_signed_tls_client_auth",
] as const;
/** RFC 8705: the methods that authenticate with a client certificate on the TLS connection. */
export const CERTIFICATE_METHODS: ReadonlySet<string> = new Set([
  "tls_client_auth",
  "self_signed_tls_client_auth",
]);
/** The methods that send no client secret: they prove the client with a key instead. */
export const KEY_METHODS: ReadonlySet<string> = new Set([
  "private_key_jwt",
  ...CERTIFICATE_METHODS,
]);
/** The methods that send (or sign with) a client secret, which a provider may let expire. */
export const SECRET_METHODS: ReadonlySet<string> = new Set(
  CLIENT_AUTH_METHODS.filter((method) => !KEY_METHODS.has(method)),
);
/** The methods that authenticate with an RFC 7523 JWT assertion instead of sending a secret. */
export const ASSERTION_METHODS: ReadonlySet<string> = new Set([
  "client_secret_jwt",
  "private_key_jwt",
]);
/** What an assertion's `aud` names: the Token Request URL, or the provider's issuer. */
export const ASSERTION_AUDIENCES = ["token_endpoint", "issuer"] as const;
/** private_key_jwt signing algorithms; ES256 first, the default. */
export const SIGNING_ALGORITHMS = ["ES256", "RS256", "PS256"] as const;
/** Providers cap an assertion's lifetime; five minutes is the usual ceiling. */
export const ASSERTION_LIFETIME = { min: 1, max: 300, default: 60 } as const;
/** How many client authentication methods a provider's metadata may list, as stored. */
export const PROVIDER_AUTH_METHODS_MAX = 20;
/** Where API calls made through a profile carry its token. */
export const TOKEN_PLACEMENTS = ["header", "query"] as const;

const statusCode = z
  .number({ message: "Enter status codes such as 401" })
  .int("Enter status codes such as 401")
  .min(400, "Auth error status codes are between 400 and 599")
  .max(599, "Auth error status codes are between 400 and 599");

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

/** Optional PEM certificates; checked in full by the server (node:crypto), here only by shape. */
const pemText = (label: string, max: number) =>
  z
    .string()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine(
      (v) => v === undefined || v.includes("-----BEGIN CERTIFICATE-----"),
      `${label}: paste PEM certificates (-----BEGIN CERTIFICATE-----)`,
    );

const lifetimeRange = `${ASSERTION_LIFETIME.min} to ${ASSERTION_LIFETIME.max} seconds`;

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
    /**
     * The day the provider says the client secret expires (YYYY-MM-DD), for the warnings and
     * the credential inventory; empty when unknown. Kept only for the methods that send a secret.
     */
    clientSecretExpiresOn: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine(
        (v) => v === undefined || isCalendarDay(v),
        "Client secret expires on: enter a real date, such as 2027-03-31",
      ),
    tokenRequestUrl: z.string().trim().min(1, "Token Request URL is required"),
    scopes: z.array(scopePairSchema).max(L.scopes, `At most ${L.scopes} scope pairs`).default([]),
    refreshTokenUrl: optionalUrl,
    description: text("Description", L.description).default(""),
    clientAuthMethod: z.enum(CLIENT_AUTH_METHODS).default("client_secret_basic"),
    assertionAudience: z.enum(ASSERTION_AUDIENCES).default("token_endpoint"),
    issuer: optionalUrl,
    assertionLifetimeSeconds: z
      .number({ message: "Enter a number of seconds" })
      .int("Enter a whole number of seconds")
      .min(ASSERTION_LIFETIME.min, `Assertion lifetime is ${lifetimeRange}`)
      .max(ASSERTION_LIFETIME.max, `Assertion lifetime is ${lifetimeRange}`)
      .default(ASSERTION_LIFETIME.default),
    signingAlgorithm: z.enum(SIGNING_ALGORITHMS).default("ES256"),
    /**
     * Write-only, private_key_jwt: an uploaded private key (PEM or JWK). Omitted keeps the stored
     * key, or has Authdeck generate one when there is none (or it does not fit the algorithm).
     */
    privateKey: z
      .string()
      .max(16_384, "Private key must be at most 16384 characters")
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : undefined)),
    /** tls_client_auth, self_signed_tls_client_auth: the client certificate, PEM (a chain may follow). */
    clientCertificate: pemText("Client certificate", 32_768),
    /** Write-only: the certificate's private key (PEM). Omitted keeps the stored key. */
    clientCertificateKey: z
      .string()
      .max(16_384, "Certificate private key must be at most 16384 characters")
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : undefined)),
    /** Trusted roots (PEM) for the token and refresh URLs instead of the system's. */
    caBundle: pemText("CA bundle", 262_144),
    /** DPoP (RFC 9449): on, Authdeck makes a key and binds the profile's tokens to it. */
    dpop: z.boolean().default(false),
    tenancyEnabled: z.boolean().default(false),
    // From the provider's metadata ("Fetch metadata"); they receive the client's credentials.
    revocationEndpoint: optionalUrl,
    introspectionEndpoint: optionalUrl,
    providerAuthMethods: z
      .array(z.string().trim().min(1).max(100, "An authentication method name is too long"))
      .max(PROVIDER_AUTH_METHODS_MAX, `At most ${PROVIDER_AUTH_METHODS_MAX} authentication methods`)
      .default([]),
    fields: z
      .array(authorizationFieldSchema)
      .max(L.fields, `At most ${L.fields} authorization fields`)
      .default([]),
    // Settings for API calls made with the token; a profile without an API Base URL makes none.
    apiBaseUrl: optionalUrl,
    tokenPlacement: z.enum(TOKEN_PLACEMENTS).default("header"),
    tokenParameterName: text("Token Parameter Name", L.tokenParameterName).default("Authorization"),
    /** Before the token in a header; empty means the token's own type (e.g. "Bearer"). */
    tokenPrefix: text("Token Prefix", L.tokenPrefix).default(""),
    authErrorStatusCodes: z
      .array(statusCode)
      .min(1, "Enter at least one status code, such as 401")
      .max(L.authErrorStatusCodes, `At most ${L.authErrorStatusCodes} status codes`)
      .transform((codes) => [...new Set(codes)])
      .default([401]),
  })
  .superRefine((profile, ctx) => {
    if (profile.issuer) {
      const problem = urlProblem(profile.issuer, "Issuer");
      if (problem) ctx.addIssue({ code: "custom", path: ["issuer"], message: problem });
    } else if (
      ASSERTION_METHODS.has(profile.clientAuthMethod) &&
      profile.assertionAudience === "issuer"
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["issuer"],
        message: "Enter the provider's Issuer: the assertion's audience names it",
      });
    }
    const endpoints = [
      ["revocationEndpoint", "Revocation endpoint", profile.revocationEndpoint],
      ["introspectionEndpoint", "Introspection endpoint", profile.introspectionEndpoint],
    ] as const;
    for (const [path, label, url] of endpoints) {
      // Taken from metadata as they are: no placeholders, nothing filled in at request time.
      const problem =
        url &&
        (urlProblem(url, label) ??
          (/[{}]/.test(url) ? `${label} must not contain placeholders` : null));
      if (problem) ctx.addIssue({ code: "custom", path: [path], message: problem });
    }
    if (CERTIFICATE_METHODS.has(profile.clientAuthMethod) && !profile.clientCertificate) {
      ctx.addIssue({
        code: "custom",
        path: ["clientCertificate"],
        message: "Paste the client certificate (PEM): this method presents it to the provider",
      });
    }
    const tokenUrls = [
      ["tokenRequestUrl", "Token Request URL", profile.tokenRequestUrl],
      ["refreshTokenUrl", "Refresh Token URL", profile.refreshTokenUrl],
    ] as const;
    const urls = [...tokenUrls, ["apiBaseUrl", "API Base URL", profile.apiBaseUrl]] as const;
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
      !tokenUrls.some(([, , url]) => url && placeholdersIn(url).includes(TENANT_PLACEHOLDER))
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
      const pathUrls = [profile.tokenRequestUrl, profile.apiBaseUrl ?? ""];
      if (field.type === "path" && !pathUrls.some((u) => placeholdersIn(u).includes(field.key))) {
        const where = profile.apiBaseUrl
          ? "the Token Request URL or the API Base URL"
          : "the Token Request URL";
        ctx.addIssue({
          code: "custom",
          path: ["fields", index, "key"],
          message: `Add {${field.key}} to ${where}, where this value goes`,
        });
      }
    });
    const name = profile.tokenParameterName;
    if (!name) {
      ctx.addIssue({
        code: "custom",
        path: ["tokenParameterName"],
        message: "Token Parameter Name is required",
      });
    } else if (profile.tokenPlacement === "header" && headerKeyProblem(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["tokenParameterName"],
        message: String(headerKeyProblem(name)),
      });
    }
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
  clientSecretExpiresOn: z.string().optional(),
  tokenRequestUrl: z.string(),
  refreshTokenUrl: z.string().optional(),
  scopes: z.array(z.object({ key: z.string(), value: z.string() })).default([]),
  description: z.string().default(""),
  clientAuthMethod: z.enum(CLIENT_AUTH_METHODS).default("client_secret_basic"),
  assertionAudience: z.enum(ASSERTION_AUDIENCES).default("token_endpoint"),
  issuer: z.string().optional(),
  revocationEndpoint: z.string().optional(),
  introspectionEndpoint: z.string().optional(),
  providerAuthMethods: z.array(z.string()).default([]),
  assertionLifetimeSeconds: z.number().default(ASSERTION_LIFETIME.default),
  signingAlgorithm: z.enum(SIGNING_ALGORITHMS).default("ES256"),
  /** Keys are never exported: only whether the profile had one (it needs one after import). */
  hasPrivateKey: z.boolean().default(false),
  /** Whether the profile used DPoP: the importer makes a new key (the key is never exported). */
  dpop: z.boolean().default(false),
  /** Certificates are public and exported; their keys are not. */
  clientCertificate: z.string().optional(),
  hasCertificateKey: z.boolean().default(false),
  caBundle: z.string().optional(),
  tenancyEnabled: z.boolean().default(false),
  apiBaseUrl: z.string().optional(),
  tokenPlacement: z.enum(TOKEN_PLACEMENTS).default("header"),
  tokenParameterName: z.string().default("Authorization"),
  tokenPrefix: z.string().default(""),
  authErrorStatusCodes: z.array(z.number()).default([401]),
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

export const startTestInput = profileRef.extend({
  tenant: givenTenantSchema,
  /** "Test with next key": sign the assertion with the profile's next key (key rotation). */
  withNextKey: z.boolean().optional(),
});
/** "Add next key": an uploaded private key (PEM or JWK), or none to have one generated. */
export const addNextKeyInput = profileRef.extend({
  privateKey: z
    .string()
    .max(16_384, "Private key must be at most 16384 characters")
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
});
export const runRef = appRef.extend({ runId: idSchema });
export const listRunsInput = profileRef.extend({
  limit: z.number().int().min(1).max(50).default(10),
});

/** A pasted client certificate, described by the server before the profile is saved. */
export const describeCertificateInput = appRef.extend({
  certificate: z.string().max(32_768, "Client certificate must be at most 32768 characters"),
});

export const setAutoRefreshInput = profileRef.extend({ enabled: z.boolean() });

/** "Revoke token" and "Inspect token": one stored token of a profile (its tenant's, with tenancy). */
export const storedTokenRef = profileRef.extend({ tenant: givenTenantSchema });
