// @module-tag resilience
import { describe, expect, it } from "vitest";
import {
  originOf,
  secretOriginRefusal,
  secretOriginsOf,
  urlsOutside,
} from "../../src/shared/secret-urls.ts";

describe("the URLs that receive a profile's secrets", () => {
  it("are compared by origin as a browser writes it: case, default port and path do not count", () => {
    expect(originOf("HTTPS://Auth.Example.COM:443/oauth/{region}/token?x={tenant}")).toBe(
      "https://auth.example.com",
    );
    expect(originOf("http://127.0.0.1:8080/token")).toBe("http://127.0.0.1:8080");
    expect(originOf("not a url")).toBeNull();
  });

  it("are the Token Request URL and the Refresh Token URL, each origin kept once", () => {
    expect(
      secretOriginsOf({
        tokenRequestUrl: "https://b.example.com/token",
        refreshTokenUrl: "https://a.example.com/refresh",
      }),
    ).toEqual(["https://a.example.com", "https://b.example.com"]);
    expect(
      secretOriginsOf({
        tokenRequestUrl: "https://a.example.com/token",
        refreshTokenUrl: "https://a.example.com/refresh",
      }),
    ).toEqual(["https://a.example.com"]);
  });

  it("are each checked against the origins the secrets were saved for", () => {
    const saved = ["https://a.example.com"];
    expect(
      urlsOutside(
        {
          tokenRequestUrl: "https://a.example.com/v2/token",
          refreshTokenUrl: "https://b.example.com/refresh",
        },
        saved,
      ),
    ).toEqual([
      {
        field: "refreshTokenUrl",
        label: "Refresh Token URL",
        url: "https://b.example.com/refresh",
        origin: "https://b.example.com",
      },
    ]);
    expect(secretOriginRefusal("https://a.example.com/t?q=1", "tokenRequestUrl", saved)).toBeNull();
    expect(secretOriginRefusal("https://a.example.com.evil.net/t", "refreshTokenUrl", saved)).toBe(
      "The Refresh Token URL points to https://a.example.com.evil.net, an origin this profile's secrets were not saved for: save the profile with its secrets again",
    );
  });
});
