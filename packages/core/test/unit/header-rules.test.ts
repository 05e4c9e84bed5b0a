// @module-tag resilience
import { describe, expect, it } from "vitest";
import { applyHeaderRules } from "../../src/tokens/masking/header-rules.ts";

describe("applyHeaderRules", () => {
  it("masks each cookie's value and keeps names and attributes, Expires dates included", () => {
    expect(
      applyHeaderRules(
        "set-cookie",
        "sid=abc123; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly, theme=dark; Path=/",
      ),
    ).toBe(
      "sid=[redacted]; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly, theme=[redacted]; Path=/",
    );
  });

  it("masks a Location's fragment and its credential-like query parameters", () => {
    expect(
      applyHeaderRules(
        "Location",
        "https://app.example.com/cb?state=1&code=xyz&id%5Ftoken=abc#access_token=t0k&x=1",
      ),
    ).toBe("https://app.example.com/cb?state=1&code=[redacted]&id%5Ftoken=[redacted]#[redacted]");
    expect(applyHeaderRules("content-location", "/token?api-key=k")).toBe(
      "/token?api-key=[redacted]",
    );
    expect(applyHeaderRules("location", "https://idp.example.com/next")).toBe(
      "https://idp.example.com/next",
    );
  });

  it("masks headers that carry credentials by name, keeping an authentication scheme", () => {
    expect(applyHeaderRules("authorization", "Bearer abc.def")).toBe("Bearer [redacted]");
    expect(applyHeaderRules("x-access-token", "abc.def")).toBe("[redacted]");
    expect(applyHeaderRules("X-Api-Key", "k-123")).toBe("[redacted]");
    expect(applyHeaderRules("x-session-id", "s-1")).toBe("[redacted]");
  });

  it("leaves other headers as they are", () => {
    expect(applyHeaderRules("content-type", "application/json")).toBe("application/json");
    expect(applyHeaderRules("www-authenticate", 'Bearer error="invalid_token"')).toBe(
      'Bearer error="invalid_token"',
    );
  });
});
