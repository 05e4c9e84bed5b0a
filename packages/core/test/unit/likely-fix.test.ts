import { describe, expect, it } from "vitest";
import { likelyFix, type Verdict } from "../../src/shared/likely-fix.ts";

const failed = (verdict: Partial<Verdict>): Verdict => ({
  errorClass: null,
  errorMessage: null,
  responseStatus: null,
  responseHeaders: null,
  ...verdict,
});

describe("the likely fix beside a failed test's verdict", () => {
  it("invalid_client points at the Client Secret Key and at sending credentials in the body", () => {
    expect(
      likelyFix(
        failed({
          errorClass: "oauth_error",
          errorMessage: "invalid_client: client authentication failed",
          responseStatus: 401,
        }),
      ),
    ).toEqual({
      text: "Check the Client Secret Key, or try sending client credentials in the body.",
      field: "clientSecret",
    });
  });

  it("invalid_scope points at the Scope pairs", () => {
    const fix = likelyFix(
      failed({ errorClass: "oauth_error", errorMessage: "invalid_scope", responseStatus: 400 }),
    );
    expect(fix?.field).toBe("scopes");
    expect(fix?.text).toMatch(/^Check the Scope pairs/);
  });

  it("an HTML 502 says a proxy or gateway answered, not the provider", () => {
    const fix = likelyFix(
      failed({
        errorClass: "http_error",
        errorMessage: "The provider answered HTTP 502",
        responseStatus: 502,
        responseHeaders: { "Content-Type": "text/html; charset=utf-8" },
      }),
    );
    expect(fix?.text).toMatch(/^A proxy or gateway in front of the provider answered/);
    expect(fix?.field).toBe("tokenRequestUrl");
  });

  it("a JSON 502 is the provider's own answer: no gateway hint", () => {
    expect(
      likelyFix(
        failed({
          errorClass: "http_error",
          responseStatus: 502,
          responseHeaders: { "content-type": "application/json" },
        }),
      ),
    ).toBeNull();
  });

  it("a timeout points at the host and port of the Token Request URL", () => {
    const fix = likelyFix(
      failed({
        errorClass: "timeout",
        errorMessage: "auth.example.com sent no answer within 15 s",
      }),
    );
    expect(fix?.text).toMatch(/did not answer in time/);
    expect(fix?.field).toBe("tokenRequestUrl");
  });

  it("an address the egress rules refuse says so", () => {
    const fix = likelyFix(
      failed({ errorClass: "blocked_destination", errorMessage: "127.0.0.1 is not allowed" }),
    );
    expect(fix?.text).toMatch(/^The egress rules do not allow this host/);
  });

  it("a redirect asks for the address it pointed to", () => {
    const fix = likelyFix(failed({ errorClass: "redirect_not_followed", responseStatus: 301 }));
    expect(fix?.text).toMatch(/use the address it pointed to/);
    expect(fix?.field).toBe("tokenRequestUrl");
  });

  it("an error code that names an object's own property is not a known case", () => {
    expect(
      likelyFix(failed({ errorClass: "oauth_error", errorMessage: "constructor" })),
    ).toBeNull();
    expect(likelyFix(failed({ errorClass: "toString" }))).toBeNull();
  });

  it("an uncommon failure or a run without a verdict gets no hint", () => {
    expect(
      likelyFix(failed({ errorClass: "oauth_error", errorMessage: "server_error" })),
    ).toBeNull();
    expect(likelyFix(failed({ errorClass: "secret_unavailable" }))).toBeNull();
    expect(likelyFix(failed({}))).toBeNull();
  });
});
