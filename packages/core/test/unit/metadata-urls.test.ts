import { describe, expect, it } from "vitest";
import { metadataUrls } from "../../src/profiles/metadata-urls.ts";

describe("where an issuer's metadata is read", () => {
  it("is the same place for both forms when the issuer has no path", () => {
    expect(metadataUrls("https://auth.example.com")).toEqual([
      "https://auth.example.com/.well-known/oauth-authorization-server",
      "https://auth.example.com/.well-known/openid-configuration",
    ]);
  });

  it("puts RFC 8414's segment before the issuer's path, and OIDC's after it", () => {
    expect(metadataUrls("https://auth.example.com/tenants/acme/")).toEqual([
      "https://auth.example.com/.well-known/oauth-authorization-server/tenants/acme",
      "https://auth.example.com/tenants/acme/.well-known/openid-configuration",
    ]);
  });
});
