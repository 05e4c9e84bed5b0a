// @module-tag resilience
import { describe, expect, it } from "vitest";
import { type ProfileFieldsInput, profileFieldsSchema } from "../../src/schemas/profile.ts";

const valid: ProfileFieldsInput = {
  name: "Asana",
  identityProviderName: "Asana",
  clientId: "client",
  clientSecret: "secret",
  tokenRequestUrl: "https://auth.example.com/oauth/token",
};

/** The messages by field path, as the dialog shows them. */
function errorsOf(input: Partial<ProfileFieldsInput>) {
  const result = profileFieldsSchema.safeParse({ ...valid, ...input });
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

const chars = (count: number, char = "a") => char.repeat(count);
// "é" is one character and two UTF-8 bytes; "😀" is one character and two UTF-16 units.
const NON_ASCII = ["é", "😀"];

/** The longest value of `field` the schema takes, in ASCII and in wider characters, and one more. */
const takesAtMost = (
  field: string,
  label: string,
  max: number,
  make: (length: number, char: string) => string,
) =>
  it.each(["a", ...NON_ASCII])(`takes ${max} characters of %s and refuses ${max + 1}`, (char) => {
    expect(errorsOf({ [field]: make(max, char) })).toEqual({});
    expect(errorsOf({ [field]: make(max + 1, char) })).toEqual({
      [field]: `${label} must be at most ${max} characters`,
    });
  });

describe("the profile schema", () => {
  it("accepts a complete profile and trims what people type", () => {
    const parsed = profileFieldsSchema.parse({ ...valid, name: "  Asana  ", clientId: " id " });
    expect(parsed.name).toBe("Asana");
    expect(parsed.clientId).toBe("id");
    expect(parsed.clientAuthMethod).toBe("client_secret_basic");
    expect(parsed.tenancyEnabled).toBe(false);
  });

  it.each(["name", "identityProviderName", "tokenRequestUrl"] as const)("requires %s", (field) => {
    expect(Object.keys(errorsOf({ [field]: "   " }))).toEqual([field]);
  });

  describe.each([
    ["clientId", "Client ID"],
    ["clientSecret", "Client Secret Key"],
    ["identityProviderName", "Identity Provider Name"],
  ] as const)("%s", (field, label) => {
    takesAtMost(field, label, 255, chars);
  });

  describe.each([
    ["tokenRequestUrl", "Token Request URL"],
    ["refreshTokenUrl", "Refresh Token URL"],
    ["issuer", "Issuer"],
    ["revocationEndpoint", "Revocation endpoint"],
    ["introspectionEndpoint", "Introspection endpoint"],
  ] as const)("%s", (field, label) => {
    const urlOf = (length: number, char = "a") => {
      const base = "https://auth.example.com/";
      return base + char.repeat(length - base.length);
    };
    takesAtMost(field, label, 3000, urlOf);

    it.each([
      ["ftp://auth.example.com/token", "must start with http:// or https://"],
      ["javascript:alert(1)", "must start with http:// or https://"],
      ["/oauth/token", "must start with http:// or https://"],
      ["auth.example.com/token", "must start with http:// or https://"],
      ["https://", "is not a valid URL"],
      ["http://exa mple.com/token", "is not a valid URL"],
      ["https://user:pass@auth.example.com/token", "must not contain a user name or password"],
      ["https://auth.example.com/token#x", "must not contain a #fragment"],
    ])("refuses %s", (url, message) => {
      expect(errorsOf({ [field]: url })[field]).toContain(`${label} ${message}`);
    });
  });

  it("leaves the Refresh Token URL optional", () => {
    expect(errorsOf({ refreshTokenUrl: "" })).toEqual({});
    expect(
      profileFieldsSchema.parse({ ...valid, refreshTokenUrl: " " }).refreshTokenUrl,
    ).toBeUndefined();
  });

  describe("tenancy", () => {
    it("refuses {tenant} while tenancy is off", () => {
      expect(errorsOf({ tokenRequestUrl: "https://example.com/{tenant}/token" })).toEqual({
        tokenRequestUrl: "{tenant} needs tenancy turned on",
      });
      expect(errorsOf({ refreshTokenUrl: "https://x.example.com/{tenant}/refresh" })).toEqual({
        refreshTokenUrl: "{tenant} needs tenancy turned on",
      });
    });

    it("takes {tenant} in the path or query of either URL once tenancy is on", () => {
      expect(
        errorsOf({ tenancyEnabled: true, tokenRequestUrl: "https://example.com/{tenant}/token" }),
      ).toEqual({});
      expect(
        errorsOf({ tenancyEnabled: true, tokenRequestUrl: "https://example.com/token?t={tenant}" }),
      ).toEqual({});
      expect(
        errorsOf({ tenancyEnabled: true, refreshTokenUrl: "https://example.com/{tenant}/refresh" }),
      ).toEqual({});
    });

    it.each([
      ["Token Request URL", "https://{tenant}.example.com/token", "tokenRequestUrl"],
      ["Token Request URL", "https://idp-{tenant}.com/token", "tokenRequestUrl"],
      ["Token Request URL", "https://example.com:{tenant}/token", "tokenRequestUrl"],
      ["Refresh Token URL", "https://{tenant}.example.com/refresh", "refreshTokenUrl"],
    ] as const)("refuses a placeholder in the host of the %s: %s", (label, url, field) => {
      expect(
        errorsOf({
          tenancyEnabled: true,
          tokenRequestUrl: "https://example.com/{tenant}/token",
          [field]: url,
        }),
      ).toEqual({ [field]: `${label}: placeholders are allowed in the path and query only` });
    });

    it("requires {tenant} somewhere once tenancy is on", () => {
      expect(errorsOf({ tenancyEnabled: true })).toEqual({
        tokenRequestUrl: "With tenancy on, a URL must contain {tenant}",
      });
    });
  });

  describe("authorization fields", () => {
    const field = (type: "header" | "payload" | "query" | "path", key: string, value = "v") => ({
      type,
      key,
      value,
    });

    it("takes one field of each type", () => {
      expect(
        errorsOf({
          tokenRequestUrl: "https://auth.example.com/{region}/token",
          fields: [
            field("header", "X-Api-Version"),
            field("payload", "audience"),
            field("query", "resource"),
            field("path", "region"),
          ],
        }),
      ).toEqual({});
    });

    it("requires a Path Param key to appear as {key} in the Token Request URL", () => {
      expect(errorsOf({ fields: [field("path", "region")] })).toEqual({
        "fields.0.key": "Add {region} to the Token Request URL, where this value goes",
      });
    });

    it("refuses a Path Param in the host, which would let its value choose the domain", () => {
      expect(
        errorsOf({ tokenRequestUrl: "https://idp-{x}.com/token", fields: [field("path", "x")] }),
      ).toEqual({
        tokenRequestUrl: "Token Request URL: placeholders are allowed in the path and query only",
      });
    });

    it.each([".", "..", "..."])(
      "refuses the Path Param value %j, which walks the path",
      (value) => {
        expect(
          errorsOf({
            tokenRequestUrl: "https://auth.example.com/{region}/token",
            fields: [field("path", "region", value)],
          }),
        ).toEqual({
          "fields.0.value": "Field Value cannot be only dots, which would move up the URL's path",
        });
      },
    );

    it("refuses a placeholder that no Path Param fills", () => {
      expect(errorsOf({ tokenRequestUrl: "https://auth.example.com/{region}/token" })).toEqual({
        tokenRequestUrl: "{region} is not a Path Param of this profile",
      });
    });

    it.each(["X Api", "X-Api:", "Ünicode", "a\nb", "(x)"])("refuses the header name %j", (key) => {
      expect(errorsOf({ fields: [field("header", key)] })["fields.0.key"]).toBe(
        "Not a valid HTTP header name",
      );
    });

    it.each(["X-Api-Key", "x_custom", "Authorization", "a.b~c"])(
      "takes the header name %j",
      (key) => {
        expect(errorsOf({ fields: [field("header", key)] })).toEqual({});
      },
    );

    it.each([
      "Host",
      "host",
      "Content-Length",
      "Transfer-Encoding",
      "Connection",
      "Expect",
      "Keep-Alive",
      "Upgrade",
      "TE",
      "Trailer",
      "Proxy-Connection",
    ])("refuses %j, which would route or frame the request", (key) => {
      expect(errorsOf({ fields: [field("header", key)] })["fields.0.key"]).toBe(
        `${key} is set for each request by Authdeck and cannot be a Header field`,
      );
    });

    it("refuses duplicate keys of one type, header names in any case", () => {
      expect(errorsOf({ fields: [field("header", "X-Key"), field("header", "x-key")] })).toEqual({
        "fields.1.key": "Another Header field already has this key",
      });
      expect(errorsOf({ fields: [field("query", "a"), field("query", "a")] })).toEqual({
        "fields.1.key": "Another Query String field already has this key",
      });
    });

    it("takes the same key under different types", () => {
      expect(
        errorsOf({ fields: [field("query", "audience"), field("payload", "audience")] }),
      ).toEqual({});
    });

    it("takes 3000 characters of Field Value and refuses 3001", () => {
      expect(errorsOf({ fields: [field("query", "k", chars(3000, "é"))] })).toEqual({});
      expect(errorsOf({ fields: [field("query", "k", chars(3001, "é"))] })).toEqual({
        "fields.0.value": "Field Value must be at most 3000 characters",
      });
    });
  });

  describe("API calls", () => {
    const api = "https://api.example.com/v1";

    it("makes no API calls by default: no API Base URL, the token in an Authorization header, 401", () => {
      const parsed = profileFieldsSchema.parse(valid);
      expect(parsed).toMatchObject({
        tokenPlacement: "header",
        tokenParameterName: "Authorization",
        tokenPrefix: "",
        authErrorStatusCodes: [401],
      });
      expect(parsed.apiBaseUrl).toBeUndefined();
      expect(profileFieldsSchema.parse({ ...valid, apiBaseUrl: "  " }).apiBaseUrl).toBeUndefined();
    });

    it("takes an API Base URL with the token in a query parameter", () => {
      const parsed = profileFieldsSchema.parse({
        ...valid,
        apiBaseUrl: ` ${api} `,
        tokenPlacement: "query",
        tokenParameterName: "access_token",
        authErrorStatusCodes: [401, 403, 401],
      });
      expect(parsed).toMatchObject({
        apiBaseUrl: api,
        tokenPlacement: "query",
        tokenParameterName: "access_token",
        // A code listed twice is kept once.
        authErrorStatusCodes: [401, 403],
      });
    });

    takesAtMost("apiBaseUrl", "API Base URL", 3000, (length, char) => {
      const base = "https://api.example.com/";
      return base + char.repeat(length - base.length);
    });

    it.each([
      ["ftp://api.example.com/v1", "API Base URL must start with http:// or https://"],
      ["api.example.com/v1", "API Base URL must start with http:// or https://"],
      ["https://user:pw@api.example.com", "API Base URL must not contain a user name or password"],
      ["https://api.example.com/v1#x", "API Base URL must not contain a #fragment"],
    ])("refuses the API Base URL %s", (apiBaseUrl, message) => {
      expect(errorsOf({ apiBaseUrl }).apiBaseUrl).toContain(message);
    });

    it("refuses a placeholder in the API Base URL's host, which would choose where the token goes", () => {
      expect(
        errorsOf({
          tenancyEnabled: true,
          tokenRequestUrl: "https://auth.example.com/{tenant}/token",
          apiBaseUrl: "https://{tenant}.api.example.com/v1",
        }),
      ).toEqual({
        apiBaseUrl: "API Base URL: placeholders are allowed in the path and query only",
      });
    });

    it("takes {tenant} in the API Base URL's path only with tenancy on", () => {
      const apiBaseUrl = "https://api.example.com/{tenant}/v1";
      expect(errorsOf({ apiBaseUrl })).toEqual({ apiBaseUrl: "{tenant} needs tenancy turned on" });
      expect(
        errorsOf({
          apiBaseUrl,
          tenancyEnabled: true,
          tokenRequestUrl: "https://auth.example.com/{tenant}/token",
        }),
      ).toEqual({});
    });

    it("does not count {tenant} in the API Base URL as the tenancy a token request needs", () => {
      expect(
        errorsOf({ tenancyEnabled: true, apiBaseUrl: "https://api.example.com/{tenant}/v1" }),
      ).toEqual({ tokenRequestUrl: "With tenancy on, a URL must contain {tenant}" });
    });

    it("refuses a {placeholder} no Path Param fills", () => {
      expect(errorsOf({ apiBaseUrl: "https://api.example.com/{region}/v1" })).toEqual({
        apiBaseUrl: "{region} is not a Path Param of this profile",
      });
    });

    it("takes a Path Param used only in the API Base URL, and says both URLs where one is missing", () => {
      const fields = [{ type: "path" as const, key: "region", value: "eu" }];
      expect(errorsOf({ apiBaseUrl: "https://api.example.com/{region}/v1", fields })).toEqual({});
      expect(errorsOf({ apiBaseUrl: api, fields })).toEqual({
        "fields.0.key":
          "Add {region} to the Token Request URL or the API Base URL, where this value goes",
      });
    });

    describe("Token Parameter Name", () => {
      it.each(["X Token", "Authorization:", "a\nb"])(
        "refuses %j as a header name with the header placement",
        (tokenParameterName) => {
          expect(errorsOf({ tokenParameterName })).toEqual({
            tokenParameterName: "Not a valid HTTP header name",
          });
        },
      );

      it("refuses a header that routes or frames the request", () => {
        expect(errorsOf({ tokenParameterName: "Host" }).tokenParameterName).toBe(
          "Host is set for each request by Authdeck and cannot be a Header field",
        );
      });

      it("takes any query parameter name with the query placement", () => {
        expect(errorsOf({ tokenPlacement: "query", tokenParameterName: "access token" })).toEqual(
          {},
        );
      });

      it("is required with either placement", () => {
        for (const tokenPlacement of ["header", "query"] as const) {
          expect(errorsOf({ tokenPlacement, tokenParameterName: " " })).toEqual({
            tokenParameterName: "Token Parameter Name is required",
          });
        }
      });

      it.each([
        ["header", "X"],
        ["query", "é"],
      ] as const)("takes 255 characters with the %s placement and refuses 256", (placement, c) => {
        const named = (length: number) =>
          errorsOf({ tokenPlacement: placement, tokenParameterName: chars(length, c) });
        expect(named(255)).toEqual({});
        expect(named(256)).toEqual({
          tokenParameterName: "Token Parameter Name must be at most 255 characters",
        });
      });
    });

    it("takes 50 characters of Token Prefix and refuses 51", () => {
      expect(errorsOf({ tokenPrefix: chars(50) })).toEqual({});
      expect(errorsOf({ tokenPrefix: chars(51) })).toEqual({
        tokenPrefix: "Token Prefix must be at most 50 characters",
      });
    });

    describe("Auth Error Status Code", () => {
      it.each([400, 401, 403, 599])("takes %i", (code) => {
        expect(errorsOf({ authErrorStatusCodes: [code] })).toEqual({});
      });

      it.each([399, 600, 200, 0, -401])("refuses %i", (code) => {
        expect(errorsOf({ authErrorStatusCodes: [401, code] })).toEqual({
          "authErrorStatusCodes.1": "Auth error status codes are between 400 and 599",
        });
      });

      it.each([401.5, Number.NaN])("refuses %d, which is no status code", (code) => {
        expect(errorsOf({ authErrorStatusCodes: [code] })).toEqual({
          "authErrorStatusCodes.0": "Enter status codes such as 401",
        });
      });

      it("takes 10 codes and refuses 11, and at least one", () => {
        const codes = (count: number) => Array.from({ length: count }, (_, i) => 400 + i);
        expect(errorsOf({ authErrorStatusCodes: codes(10) })).toEqual({});
        expect(errorsOf({ authErrorStatusCodes: codes(11) })).toEqual({
          authErrorStatusCodes: "At most 10 status codes",
        });
        expect(errorsOf({ authErrorStatusCodes: [] })).toEqual({
          authErrorStatusCodes: "Enter at least one status code, such as 401",
        });
      });
    });
  });

  it("requires a key on every scope pair", () => {
    expect(
      errorsOf({
        scopes: [
          { key: "scope", value: "read" },
          { key: " ", value: "x" },
        ],
      }),
    ).toEqual({
      "scopes.1.key": "Key is required",
    });
  });

  it("refuses placeholders in the endpoints from the provider's metadata", () => {
    expect(errorsOf({ revocationEndpoint: "https://auth.example.com/{tenant}/revoke" })).toEqual({
      revocationEndpoint: "Revocation endpoint must not contain placeholders",
    });
  });
});
