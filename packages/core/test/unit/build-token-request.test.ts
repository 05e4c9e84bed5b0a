// @module-tag resilience
import { describe, expect, it } from "vitest";
import { toCurl } from "../../src/shared/curl.ts";
import {
  buildTokenRequest,
  fieldValueKey,
  REDACTED,
  type RequestProfile,
} from "../../src/tokens/build-token-request.ts";
import { RequestBuildError } from "../../src/tokens/request-build-error.ts";

const profile: RequestProfile = {
  tokenRequestUrl: "https://auth.example.com/{tenant}/{region}/oauth/token",
  clientId: "client:ünï",
  clientAuthMethod: "client_secret_basic",
  scopes: [
    { key: "scope", value: "read" },
    { key: "scope", value: "write" },
    { key: "audience", value: "https://api.example.com" },
  ],
  fields: [
    { type: "header", key: "X-Api-Key", secret: true },
    { type: "payload", key: "resource", secret: false },
    { type: "query", key: "api-version", secret: false },
    { type: "path", key: "region", secret: false },
  ],
};
const secrets = {
  clientSecret: "s3cret+/=",
  fieldValues: new Map([
    [fieldValueKey("header", "X-Api-Key"), "header-secret"],
    [fieldValueKey("payload", "resource"), "urn:res"],
    [fieldValueKey("query", "api-version"), "2024-01-01"],
    [fieldValueKey("path", "region"), "eu west"],
  ]),
};

describe("buildTokenRequest", () => {
  const request = buildTokenRequest({ profile, secrets, tenant: "acme" });
  const body = new URLSearchParams(request.body);
  const header = (name: string) => request.headers.find(([n]) => n === name)?.[1];

  it("puts the tenant, the Path Param and the Query String fields into the URL", () => {
    expect(request.url).toBe(
      "https://auth.example.com/acme/eu%20west/oauth/token?api-version=2024-01-01",
    );
  });

  it("sends Basic credentials form-encoded before base64 (RFC 6749 §2.3.1)", () => {
    const decoded = Buffer.from(
      header("Authorization")!.replace("Basic ", ""),
      "base64",
    ).toString();
    expect(decoded).toBe("client%3A%C3%BCn%C3%AF:s3cret%2B%2F%3D");
    expect(body.has("client_secret")).toBe(false);
  });

  it("joins scope values with spaces and sends other keys as their own parameters", () => {
    expect(body.get("grant_type")).toBe("client_credentials");
    expect(body.get("scope")).toBe("read write");
    expect(body.get("audience")).toBe("https://api.example.com");
    expect(body.get("resource")).toBe("urn:res");
    expect(header("X-Api-Key")).toBe("header-secret");
    expect(header("Content-Type")).toBe("application/x-www-form-urlencoded");
  });

  it("sends the credentials in the body for client_secret_post", () => {
    const post = buildTokenRequest({
      profile: { ...profile, clientAuthMethod: "client_secret_post" },
      secrets,
      tenant: "acme",
    });
    const postBody = new URLSearchParams(post.body);
    expect(postBody.get("client_id")).toBe("client:ünï");
    expect(postBody.get("client_secret")).toBe("s3cret+/=");
    expect(post.headers.some(([name]) => name === "Authorization")).toBe(false);
  });

  it("uses the refresh_token grant at the Refresh Token URL", () => {
    const refresh = buildTokenRequest({
      profile,
      secrets,
      tenant: "acme",
      grant: {
        type: "refresh_token",
        refreshToken: "rt-1",
        url: "https://auth.example.com/{tenant}/refresh",
      },
    });
    expect(refresh.url).toBe("https://auth.example.com/acme/refresh?api-version=2024-01-01");
    expect(new URLSearchParams(refresh.body).get("grant_type")).toBe("refresh_token");
    expect(new URLSearchParams(refresh.body).get("refresh_token")).toBe("rt-1");
  });

  it("masks every secret when redacting, and only the secrets", () => {
    const shown = buildTokenRequest({ profile, secrets, tenant: "acme", redact: true });
    const text = JSON.stringify(shown);
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("header-secret");
    expect(shown.headers).toContainEqual(["Authorization", `Basic ${REDACTED}`]);
    expect(shown.headers).toContainEqual(["X-Api-Key", REDACTED]);
    expect(new URLSearchParams(shown.body).get("resource")).toBe("urn:res");
    const post = buildTokenRequest({
      profile: { ...profile, clientAuthMethod: "client_secret_post" },
      secrets,
      redact: true,
      tenant: "a",
    });
    expect(new URLSearchParams(post.body).get("client_secret")).toBe(REDACTED);
  });

  it.each([
    ["a lone surrogate", "eu\uD800", "holds a character that is not valid Unicode"],
    ["only dots", "..", "cannot be only dots, which would move up the URL's path"],
  ])("refuses a Path Param value of %s, naming the Path Param", (_, value, problem) => {
    const broken = new Map(secrets.fieldValues).set(fieldValueKey("path", "region"), value);
    const build = () =>
      buildTokenRequest({ profile, secrets: { ...secrets, fieldValues: broken }, tenant: "a" });
    expect(build).toThrow(RequestBuildError);
    expect(build).toThrow(`The value of the Path Param {region} ${problem}`);
  });

  it("refuses a URL saved with a placeholder in its host that its value breaks", () => {
    const build = () =>
      buildTokenRequest({
        profile: { ...profile, tokenRequestUrl: "https://{region}.example.com/token" },
        secrets,
      });
    expect(build).toThrow(
      "The Token Request URL is not a valid URL once the Path Param {region} is filled in",
    );
    try {
      build();
    } catch (error) {
      expect(error).toMatchObject({ errorClass: "invalid_url", field: "fields.3.value" });
    }
  });

  it("writes a curl command that quotes what the shell would expand", () => {
    const curl = toCurl({
      method: "POST",
      url: "https://x.example.com/t?a=1",
      headers: [["X-Q", "it's"]],
      body: "a=b&c=d",
    });
    expect(curl).toBe(
      "curl -X POST 'https://x.example.com/t?a=1' \\\n  -H 'X-Q: it'\\''s' \\\n  --data-raw 'a=b&c=d'",
    );
  });

  it("names a client certificate, its key and a CA bundle as files beside the curl command", () => {
    const request = { method: "POST", url: "https://x.example.com/t", headers: [], body: "a=b" };
    expect(toCurl(request, { clientCertificate: true, caBundle: true })).toBe(
      "curl -X POST 'https://x.example.com/t' \\\n  --cert client-certificate.pem --key client-key.pem \\\n  --cacert ca-bundle.pem \\\n  --data-raw 'a=b'",
    );
  });

  it("sends only client_id for the certificate methods: the TLS connection proves the client", () => {
    for (const clientAuthMethod of ["tls_client_auth", "self_signed_tls_client_auth"] as const) {
      const request = buildTokenRequest({
        profile: {
          tokenRequestUrl: "https://x.example.com/t",
          clientId: "billing",
          clientAuthMethod,
          scopes: [],
          fields: [],
        },
        secrets: { clientSecret: "never-sent", fieldValues: new Map() },
      });
      expect(request.body).toBe("grant_type=client_credentials&client_id=billing");
      expect(request.headers.map(([name]) => name)).not.toContain("Authorization");
    }
  });
});
