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
    it.each(["a", ...NON_ASCII])("takes 255 characters of %s and refuses 256", (char) => {
      expect(errorsOf({ [field]: chars(255, char) })).toEqual({});
      expect(errorsOf({ [field]: chars(256, char) })).toEqual({
        [field]: `${label} must be at most 255 characters`,
      });
    });
  });

  describe.each([
    ["tokenRequestUrl", "Token Request URL"],
    ["refreshTokenUrl", "Refresh Token URL"],
  ] as const)("%s", (field, label) => {
    const urlOf = (length: number, char = "a") => {
      const base = "https://auth.example.com/";
      return base + char.repeat(length - base.length);
    };
    it.each(["a", ...NON_ASCII])("takes 3000 characters of %s and refuses 3001", (char) => {
      expect(errorsOf({ [field]: urlOf(3000, char) })).toEqual({});
      expect(errorsOf({ [field]: urlOf(3001, char) })).toEqual({
        [field]: `${label} must be at most 3000 characters`,
      });
    });

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
});
