import {
  type ASSERTION_AUDIENCES,
  authorizationFieldSchema,
  CERTIFICATE_METHODS,
  type CLIENT_AUTH_METHODS,
  type FIELD_TYPES,
  type ProfileFieldsInput,
  profileFieldsSchema,
  SECRET_METHODS,
  type SIGNING_ALGORITHMS,
  secretOriginsOf,
  type TOKEN_PLACEMENTS,
  urlsOutside,
} from "@authdeck/core/client";
import type { RouterOutputs } from "~/lib/trpc.tsx";

export type FieldType = (typeof FIELD_TYPES)[number];
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];
export type TokenPlacement = (typeof TOKEN_PLACEMENTS)[number];
export type AssertionAudience = (typeof ASSERTION_AUDIENCES)[number];
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];
export type StoredProfile = RouterOutputs["profile"]["get"];
export type FieldErrors = Record<string, string>;

export type ScopeDraft = { uid: string; key: string; value: string };

export type AuthFieldDraft = {
  uid: string;
  type: FieldType;
  key: string;
  value: string;
  secret: boolean;
  /** A secret value is stored for this field; it is kept while `value` stays empty. */
  savedSecret: boolean;
};

export type ProfileFormValues = {
  name: string;
  identityProviderName: string;
  clientId: string;
  clientSecret: string;
  /** A Client Secret Key is stored and no new one was asked for: it stays as it is. */
  keepSecret: boolean;
  /** "Client secret expires on", YYYY-MM-DD (a date input's value); empty when unknown. */
  clientSecretExpiresOn: string;
  tokenRequestUrl: string;
  refreshTokenUrl: string;
  description: string;
  scopes: ScopeDraft[];
  clientAuthMethod: ClientAuthMethod;
  assertionAudience: AssertionAudience;
  issuer: string;
  /** Filled by "Fetch metadata" (the provider's metadata), not typed. */
  revocationEndpoint: string;
  introspectionEndpoint: string;
  providerAuthMethods: string[];
  /** As typed, in seconds. */
  assertionLifetimeSeconds: string;
  signingAlgorithm: SigningAlgorithm;
  /** An uploaded private key (PEM or JWK); empty keeps the saved one or has one generated. */
  privateKey: string;
  /** The client certificate (PEM) of the certificate methods; public, shown as stored. */
  clientCertificate: string;
  /** A new key for it (PEM); empty keeps the stored one while `keepCertificateKey`. */
  clientCertificateKey: string;
  /** A certificate key is stored and no new one was asked for. */
  keepCertificateKey: boolean;
  /** Trusted roots (PEM) for the token URLs instead of the system's. */
  caBundle: string;
  dpop: boolean;
  tenancyEnabled: boolean;
  fields: AuthFieldDraft[];
  apiBaseUrl: string;
  tokenPlacement: TokenPlacement;
  tokenParameterName: string;
  tokenPrefix: string;
  /** As typed: codes separated by commas, e.g. "401, 403". */
  authErrorStatusCodes: string;
};

/** The Token Parameter Name each placement starts with (RFC 6750 names the query parameter). */
export const DEFAULT_TOKEN_PARAMETER: Record<TokenPlacement, string> = {
  header: "Authorization",
  query: "access_token",
};

let counter = 0;
/** A key for React lists: rows have no id of their own until saved, and not even then. */
export const newUid = () => `row-${++counter}`;

export const emptyProfileValues = (): ProfileFormValues => ({
  name: "",
  identityProviderName: "",
  clientId: "",
  clientSecret: "",
  keepSecret: false,
  clientSecretExpiresOn: "",
  tokenRequestUrl: "",
  refreshTokenUrl: "",
  description: "",
  scopes: [],
  clientAuthMethod: "client_secret_basic",
  assertionAudience: "token_endpoint",
  issuer: "",
  revocationEndpoint: "",
  introspectionEndpoint: "",
  providerAuthMethods: [],
  assertionLifetimeSeconds: "60",
  signingAlgorithm: "ES256",
  privateKey: "",
  clientCertificate: "",
  clientCertificateKey: "",
  keepCertificateKey: false,
  caBundle: "",
  dpop: false,
  tenancyEnabled: false,
  fields: [],
  apiBaseUrl: "",
  tokenPlacement: "header",
  tokenParameterName: DEFAULT_TOKEN_PARAMETER.header,
  tokenPrefix: "",
  authErrorStatusCodes: "401",
});

const API_CALL_KEYS = [
  "apiBaseUrl",
  "tokenPlacement",
  "tokenParameterName",
  "tokenPrefix",
  "authErrorStatusCodes",
] as const;

/** Whether any API call setting differs from a new profile's: the dialog then shows them. */
export const hasApiCallSettings = (values: ProfileFormValues) => {
  const empty = emptyProfileValues();
  return API_CALL_KEYS.some((key) => values[key] !== empty[key]);
};

/**
 * Whether saving moves a private_key_jwt profile's token, refresh, revocation or introspection
 * URL (each receives its assertions) to an origin its key was not saved for. The server then
 * makes a new key and a new JWKS URL (so the old key never signs for another host), which has
 * to be registered with the provider again. The API Base URL receives no assertion.
 */
export function movesSigningKey(stored: StoredProfile | null, values: ProfileFormValues): boolean {
  if (!stored?.jwksId || values.clientAuthMethod !== "private_key_jwt") return false;
  return urlsOutside(values, secretOriginsOf(stored)).some((u) => u.field !== "apiBaseUrl");
}

/** The edit form's starting point: stored secrets appear only as "saved". */
export const valuesFromProfile = (profile: StoredProfile): ProfileFormValues => ({
  name: profile.name,
  identityProviderName: profile.identityProviderName,
  clientId: profile.clientId,
  clientSecret: "",
  keepSecret: profile.hasClientSecret,
  clientSecretExpiresOn: profile.clientSecretExpiresOn,
  tokenRequestUrl: profile.tokenRequestUrl,
  refreshTokenUrl: profile.refreshTokenUrl,
  description: profile.description,
  scopes: profile.scopes.map((pair) => ({ uid: newUid(), ...pair })),
  clientAuthMethod: profile.clientAuthMethod,
  assertionAudience: profile.assertionAudience,
  issuer: profile.issuer,
  revocationEndpoint: profile.revocationEndpoint,
  introspectionEndpoint: profile.introspectionEndpoint,
  providerAuthMethods: profile.providerAuthMethods,
  assertionLifetimeSeconds: String(profile.assertionLifetimeSeconds),
  signingAlgorithm: profile.signingAlgorithm,
  privateKey: "",
  clientCertificate: profile.clientCertificate,
  clientCertificateKey: "",
  keepCertificateKey: profile.hasCertificateKey,
  caBundle: profile.caBundle,
  dpop: profile.dpop,
  tenancyEnabled: profile.tenancyEnabled,
  fields: profile.fields.map((field) => ({
    uid: newUid(),
    type: field.type,
    key: field.key,
    value: field.value ?? "",
    secret: field.secret,
    savedSecret: field.secret && field.hasValue,
  })),
  apiBaseUrl: profile.apiBaseUrl,
  tokenPlacement: profile.tokenPlacement,
  tokenParameterName: profile.tokenParameterName,
  tokenPrefix: profile.tokenPrefix,
  authErrorStatusCodes: profile.authErrorStatusCodes.join(", "),
});

/**
 * The typed status codes as numbers, in order. An entry that is not digits becomes NaN, which
 * the schema refuses at its own index ("authErrorStatusCodes.1") with "Enter status codes such as
 * 401"; empty entries ("401,") are ignored.
 */
export const parseStatusCodes = (text: string): number[] =>
  text
    .split(/[,\s]+/)
    .filter((entry) => entry !== "")
    .map((entry) => (/^\d{1,3}$/.test(entry) ? Number(entry) : Number.NaN));

/**
 * What the procedures take. A kept secret is left out, which tells the server to keep the
 * stored value; an empty secret on a profile that has none is left out too.
 */
export const toProfileInput = (values: ProfileFormValues): ProfileFieldsInput => ({
  type: "oauth2_client_credentials",
  name: values.name,
  identityProviderName: values.identityProviderName,
  clientId: values.clientId,
  ...(values.keepSecret || values.clientSecret === "" ? {} : { clientSecret: values.clientSecret }),
  // Only the methods that send a secret have one that expires on a day the provider sets.
  ...(SECRET_METHODS.has(values.clientAuthMethod)
    ? { clientSecretExpiresOn: values.clientSecretExpiresOn }
    : {}),
  tokenRequestUrl: values.tokenRequestUrl,
  refreshTokenUrl: values.refreshTokenUrl,
  description: values.description,
  scopes: values.scopes.map(({ key, value }) => ({ key, value })),
  clientAuthMethod: values.clientAuthMethod,
  assertionAudience: values.assertionAudience,
  issuer: values.issuer,
  revocationEndpoint: values.revocationEndpoint,
  introspectionEndpoint: values.introspectionEndpoint,
  providerAuthMethods: values.providerAuthMethods,
  // Not digits: NaN, which the schema refuses at this field.
  assertionLifetimeSeconds: /^\d{1,4}$/.test(values.assertionLifetimeSeconds.trim())
    ? Number(values.assertionLifetimeSeconds.trim())
    : Number.NaN,
  signingAlgorithm: values.signingAlgorithm,
  ...(values.clientAuthMethod === "private_key_jwt" && values.privateKey.trim()
    ? { privateKey: values.privateKey }
    : {}),
  ...(CERTIFICATE_METHODS.has(values.clientAuthMethod)
    ? {
        clientCertificate: values.clientCertificate,
        ...(values.keepCertificateKey || !values.clientCertificateKey.trim()
          ? {}
          : { clientCertificateKey: values.clientCertificateKey }),
      }
    : {}),
  caBundle: values.caBundle,
  dpop: values.dpop,
  tenancyEnabled: values.tenancyEnabled,
  fields: values.fields.map(({ type, key, value, secret, savedSecret }) => ({
    type,
    key,
    secret,
    ...(secret && savedSecret && value === "" ? {} : { value }),
  })),
  apiBaseUrl: values.apiBaseUrl,
  tokenPlacement: values.tokenPlacement,
  tokenParameterName: values.tokenParameterName,
  // A token in the query string has no prefix: one kept from the header placement is not sent.
  tokenPrefix: values.tokenPlacement === "header" ? values.tokenPrefix : "",
  authErrorStatusCodes: parseStatusCodes(values.authErrorStatusCodes),
});

/** Issues by dotted path ("fields.0.key"), the first one each: the form shows them there. */
export function issuesByPath(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix = "",
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = prefix + (issue.path.map(String).join(".") || "_");
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Every problem of the form, checked by the very schema the server applies. */
export function validateProfile(values: ProfileFormValues, replacingSecret: boolean): FieldErrors {
  const result = profileFieldsSchema.safeParse(toProfileInput(values));
  const errors = result.success ? {} : issuesByPath(result.error.issues);
  if (replacingSecret && values.clientSecret === "") {
    errors.clientSecret ??= "Enter the new Client Secret Key, or keep the saved one";
  }
  if (
    CERTIFICATE_METHODS.has(values.clientAuthMethod) &&
    !values.keepCertificateKey &&
    !values.clientCertificateKey.trim()
  ) {
    errors.clientCertificateKey ??= "Paste the certificate's private key (PEM)";
  }
  return errors;
}

/** Problems of one authorization field on its own, keyed "type", "key", "value". */
export function validateAuthField(
  draft: AuthFieldDraft,
  original: AuthFieldDraft | null,
): FieldErrors {
  const result = authorizationFieldSchema.safeParse({
    type: draft.type,
    key: draft.key,
    value: draft.value,
    secret: draft.secret,
  });
  const errors = result.success ? {} : issuesByPath(result.error.issues);
  if (original?.savedSecret && draft.value === "") {
    if (!draft.secret) {
      errors.value ??= "Enter the value again to store it as plain text";
    } else if (draft.type !== original.type || draft.key !== original.key) {
      errors.value ??= "Enter the value again: the saved one belongs to the old key";
    }
  }
  return errors;
}

/** The paths the dialog shows at a field; any other problem is listed above the buttons. */
export const SHOWN_AT_A_FIELD =
  /^(type|name|identityProviderName|clientId|clientSecret|clientSecretExpiresOn|tokenRequestUrl|refreshTokenUrl|description|clientAuthMethod|assertionAudience|issuer|revocationEndpoint|introspectionEndpoint|assertionLifetimeSeconds|signingAlgorithm|privateKey|clientCertificate|clientCertificateKey|caBundle|dpop|tenancyEnabled|scopes(\.\d+\.(key|value))?|fields(\.\d+\.(type|key|value|secret))?|apiBaseUrl|tokenPlacement|tokenParameterName|tokenPrefix|authErrorStatusCodes(\.\d+)?)$/;
