// @module-tag resilience
import { describe, expect, it } from "vitest";
import { bearerMatches, boundedLabel, providerHost, statusClass } from "../../src/metrics/index.ts";

describe("providerHost", () => {
  it("keeps the host and port, never the user part, path or query", () => {
    expect(providerHost("https://idp.example.com/t/acme/oauth2/token?key=secret")).toBe(
      "idp.example.com",
    );
    expect(providerHost("http://127.0.0.1:4001/ok/token")).toBe("127.0.0.1:4001");
    expect(providerHost("https://user:password@login.example.com:8443/token")).toBe(
      "login.example.com:8443",
    );
    expect(providerHost("https://IdP.Example.com:443/token")).toBe("idp.example.com");
  });

  it("keeps a tenant placeholder in the host as saved, and names what is not a URL", () => {
    expect(providerHost("https://{tenant}.auth.example.com/token")).toBe(
      "{tenant}.auth.example.com",
    );
    expect(providerHost("not a url")).toBe("invalid");
  });
});

describe("boundedLabel", () => {
  it("counts values past the limit as other, and keeps those seen before", () => {
    const label = boundedLabel(2);
    expect([label("a"), label("b"), label("c"), label("a"), label("d")]).toEqual([
      "a",
      "b",
      "other",
      "a",
      "other",
    ]);
  });
});

describe("bearerMatches", () => {
  const token = "a-metrics-token-of-some-length";
  it("accepts the token as a bearer token only", () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerMatches("Bearer ", token)).toBe(false);
    expect(bearerMatches(null, token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
  });
});

describe("statusClass", () => {
  it("names a status by its hundreds", () => {
    expect([200, 204, 401, 429, 503].map(statusClass)).toEqual(["2xx", "2xx", "4xx", "4xx", "5xx"]);
  });
});
