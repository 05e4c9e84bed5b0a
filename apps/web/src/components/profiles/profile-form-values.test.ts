import { profileFieldsSchema } from "@authdeck/core/client";
import { describe, expect, it } from "vitest";
import {
  emptyProfileValues,
  hasApiCallSettings,
  movesSigningKey,
  type ProfileFormValues,
  parseStatusCodes,
  SHOWN_AT_A_FIELD,
  type StoredProfile,
  toProfileInput,
  validateProfile,
  valuesFromProfile,
} from "./profile-form-values.ts";

const stored: StoredProfile = {
  id: "p1",
  appId: "a1",
  version: 3,
  type: "oauth2_client_credentials",
  name: "Ledger API",
  identityProviderName: "Acme IdP",
  clientId: "ledger",
  hasClientSecret: true,
  clientSecretExpiresOn: "",
  tokenRequestUrl: "https://auth.example.com/oauth/token",
  refreshTokenUrl: "",
  scopes: [],
  description: "",
  clientAuthMethod: "client_secret_basic",
  assertionAudience: "token_endpoint",
  issuer: "",
  revocationEndpoint: "",
  introspectionEndpoint: "",
  providerAuthMethods: [],
  assertionLifetimeSeconds: 60,
  signingAlgorithm: "ES256",
  hasPrivateKey: false,
  keyId: null,
  jwksId: null,
  keys: [],
  clientCertificate: "",
  certificate: null,
  hasCertificateKey: false,
  caBundle: "",
  dpop: false,
  tenancyEnabled: false,
  autoRefresh: true,
  apiBaseUrl: "https://api.example.com/{region}/v1",
  tokenPlacement: "header",
  tokenParameterName: "X-Api-Token",
  tokenPrefix: "Token",
  authErrorStatusCodes: [401, 403],
  needsSecrets: false,
  fields: [{ type: "path", key: "region", secret: false, value: "eu", hasValue: true }],
  createdAt: new Date("2026-12-01T10:00:00Z"),
  updatedAt: new Date("2026-12-01T10:00:00Z"),
};

const filled = (patch: Partial<ProfileFormValues>): ProfileFormValues => ({
  ...valuesFromProfile(stored),
  ...patch,
});

describe("the profile form's API call settings", () => {
  it("come back from a saved profile and go out unchanged, so an edit keeps them", () => {
    const values = valuesFromProfile(stored);
    expect(values.authErrorStatusCodes).toBe("401, 403");
    expect(hasApiCallSettings(values)).toBe(true);
    expect(validateProfile(values, false)).toEqual({});
    expect(toProfileInput(values)).toMatchObject({
      apiBaseUrl: "https://api.example.com/{region}/v1",
      tokenPlacement: "header",
      tokenParameterName: "X-Api-Token",
      tokenPrefix: "Token",
      authErrorStatusCodes: [401, 403],
    });
  });

  it("start, for a new profile, at the schema's own defaults", () => {
    const values = emptyProfileValues();
    expect(hasApiCallSettings(values)).toBe(false);
    const sent = profileFieldsSchema.parse({
      ...toProfileInput(values),
      name: "n",
      identityProviderName: "i",
      tokenRequestUrl: "https://auth.example.com/token",
    });
    const defaults = profileFieldsSchema.parse({
      name: "n",
      identityProviderName: "i",
      tokenRequestUrl: "https://auth.example.com/token",
    });
    for (const key of [
      "apiBaseUrl",
      "tokenPlacement",
      "tokenParameterName",
      "tokenPrefix",
      "authErrorStatusCodes",
    ] as const) {
      expect(sent[key], key).toEqual(defaults[key]);
    }
  });

  it("send no Token Prefix with the query placement", () => {
    const input = toProfileInput(
      filled({ tokenPlacement: "query", tokenParameterName: "access_token" }),
    );
    expect(input).toMatchObject({ tokenPlacement: "query", tokenPrefix: "" });
  });

  it.each([
    ["401", [401]],
    ["401, 403", [401, 403]],
    [" 401 403, ,", [401, 403]],
    ["", []],
  ])("read %j as %j", (text, codes) => {
    expect(parseStatusCodes(text)).toEqual(codes);
  });

  it.each([
    ["401, abc", "authErrorStatusCodes.1", "Enter status codes such as 401"],
    ["401.5", "authErrorStatusCodes.0", "Enter status codes such as 401"],
    ["4010", "authErrorStatusCodes.0", "Enter status codes such as 401"],
    ["401, 600", "authErrorStatusCodes.1", "Auth error status codes are between 400 and 599"],
    ["", "authErrorStatusCodes", "Enter at least one status code, such as 401"],
  ])("say %j is wrong at its field", (text, path, message) => {
    const errors = validateProfile(filled({ authErrorStatusCodes: text }), false);
    expect(errors).toEqual({ [path]: message });
    expect(path).toMatch(SHOWN_AT_A_FIELD);
  });

  it.each([
    [{ apiBaseUrl: "ftp://api.example.com/{region}" }, "apiBaseUrl"],
    [{ apiBaseUrl: "https://api.example.com/{tenant}/{region}" }, "apiBaseUrl"],
    [{ tokenParameterName: "X Token" }, "tokenParameterName"],
    [{ tokenPrefix: "x".repeat(51) }, "tokenPrefix"],
  ] satisfies Array<[Partial<ProfileFormValues>, string]>)(
    "show a problem of %j at %s",
    (patch, path) => {
      const errors = validateProfile(filled(patch), false);
      expect(Object.keys(errors)).toEqual([path]);
      expect(path).toMatch(SHOWN_AT_A_FIELD);
    },
  );
});

describe("the profile form's Client secret expires on", () => {
  it("comes back from a saved profile and goes out as typed", () => {
    const values = valuesFromProfile({ ...stored, clientSecretExpiresOn: "2027-03-31" });
    expect(values.clientSecretExpiresOn).toBe("2027-03-31");
    expect(validateProfile(values, false)).toEqual({});
    expect(toProfileInput(values)).toMatchObject({ clientSecretExpiresOn: "2027-03-31" });
  });

  it.each(["2027-02-30", "2027-13-01", "31/03/2027", "tomorrow"])(
    "says %j is not a real date, at its field",
    (day) => {
      const errors = validateProfile(filled({ clientSecretExpiresOn: day }), false);
      expect(errors).toEqual({
        clientSecretExpiresOn: "Client secret expires on: enter a real date, such as 2027-03-31",
      });
      expect("clientSecretExpiresOn").toMatch(SHOWN_AT_A_FIELD);
    },
  );

  it("is not sent for a method without a client secret", () => {
    const values = filled({
      clientAuthMethod: "private_key_jwt",
      clientSecretExpiresOn: "not a date",
    });
    expect(toProfileInput(values)).not.toHaveProperty("clientSecretExpiresOn");
  });
});

describe("the profile form's JWT assertion settings", () => {
  it("go out as the schema takes them; a pasted key only for private_key_jwt", () => {
    const values = filled({
      clientAuthMethod: "private_key_jwt",
      assertionAudience: "issuer",
      issuer: "https://auth.example.com",
      assertionLifetimeSeconds: "120",
      signingAlgorithm: "PS256",
      privateKey: "-----BEGIN PRIVATE KEY-----",
    });
    expect(toProfileInput(values)).toMatchObject({
      clientAuthMethod: "private_key_jwt",
      assertionAudience: "issuer",
      issuer: "https://auth.example.com",
      assertionLifetimeSeconds: 120,
      signingAlgorithm: "PS256",
      privateKey: "-----BEGIN PRIVATE KEY-----",
    });
    expect(toProfileInput({ ...values, clientAuthMethod: "client_secret_jwt" })).not.toHaveProperty(
      "privateKey",
    );
  });

  it("show a bad lifetime and a missing Issuer at their fields", () => {
    const errors = validateProfile(
      filled({
        clientAuthMethod: "client_secret_jwt",
        assertionAudience: "issuer",
        assertionLifetimeSeconds: "301",
      }),
      false,
    );
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining(["issuer", "assertionLifetimeSeconds"]),
    );
    for (const path of Object.keys(errors)) expect(path).toMatch(SHOWN_AT_A_FIELD);
  });
});

describe("the warning that a private_key_jwt profile gets a new key", () => {
  const withKey: StoredProfile = {
    ...stored,
    clientAuthMethod: "private_key_jwt",
    hasPrivateKey: true,
    keyId: "kid-1",
    jwksId: "jwks-1",
  };
  const editing = (patch: Partial<ProfileFormValues>) => ({
    ...valuesFromProfile(withKey),
    ...patch,
  });

  it("shows when a token URL moves to a host the key was not saved for", () => {
    expect(
      movesSigningKey(withKey, editing({ tokenRequestUrl: "https://evil.example/token" })),
    ).toBe(true);
    expect(
      movesSigningKey(withKey, editing({ refreshTokenUrl: "https://auth.example.com:8443/r" })),
    ).toBe(true);
    expect(
      movesSigningKey(withKey, editing({ revocationEndpoint: "https://evil.example/revoke" })),
    ).toBe(true);
  });

  it("stays away for a path change on the same origin, another method, or a profile without a key", () => {
    expect(
      movesSigningKey(withKey, editing({ tokenRequestUrl: "https://auth.example.com/v2/token" })),
    ).toBe(false);
    // The API Base URL's origin is one the profile's secrets were saved for too.
    expect(
      movesSigningKey(withKey, editing({ refreshTokenUrl: "https://api.example.com/refresh" })),
    ).toBe(false);
    const moved = { tokenRequestUrl: "https://evil.example/token" };
    expect(
      movesSigningKey(withKey, editing({ ...moved, clientAuthMethod: "client_secret_basic" })),
    ).toBe(false);
    expect(movesSigningKey(stored, filled({ ...moved, clientAuthMethod: "private_key_jwt" }))).toBe(
      false,
    );
    expect(movesSigningKey(null, filled({ ...moved, clientAuthMethod: "private_key_jwt" }))).toBe(
      false,
    );
  });
});

describe("the profile form's client certificate", () => {
  const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
  it("sends the certificate and a pasted key only for the certificate methods; a stored key is kept by leaving it out", () => {
    const values = filled({
      clientAuthMethod: "tls_client_auth",
      clientCertificate: CERT,
      clientCertificateKey: "-----BEGIN PRIVATE KEY-----",
      caBundle: CERT,
    });
    expect(toProfileInput(values)).toMatchObject({
      clientAuthMethod: "tls_client_auth",
      clientCertificate: CERT,
      clientCertificateKey: "-----BEGIN PRIVATE KEY-----",
      caBundle: CERT,
    });
    expect(toProfileInput({ ...values, keepCertificateKey: true })).not.toHaveProperty(
      "clientCertificateKey",
    );
    const basic = toProfileInput({ ...values, clientAuthMethod: "client_secret_basic" });
    expect(basic).not.toHaveProperty("clientCertificate");
    expect(basic).not.toHaveProperty("clientCertificateKey");
    expect(basic).toMatchObject({ caBundle: CERT });
  });

  it("asks for the certificate and its key at their fields, and a CA bundle in PEM", () => {
    const errors = validateProfile(
      filled({ clientAuthMethod: "self_signed_tls_client_auth", caBundle: "not pem" }),
      false,
    );
    expect(Object.keys(errors).sort()).toEqual([
      "caBundle",
      "clientCertificate",
      "clientCertificateKey",
    ]);
    for (const path of Object.keys(errors)) expect(path).toMatch(SHOWN_AT_A_FIELD);
  });
});
