import { describe, expect, it } from "vitest";
import { tokenTargetOf } from "./path.ts";

describe("tokenTargetOf", () => {
  it("reads the app, the profile and the tenant of a token API path", () => {
    expect(tokenTargetOf("/api/v1/apps/a1/profiles/p1/token")).toEqual({
      appId: "a1",
      profileId: "p1",
      tenant: null,
    });
    expect(tokenTargetOf("/api/v1/apps/a1/profiles/p1/token?tenant=acme%20eu&x=1")).toEqual({
      appId: "a1",
      profileId: "p1",
      tenant: "acme eu",
    });
  });

  it("decodes the segments, and looks one that does not decode up as sent", () => {
    expect(tokenTargetOf("/api/v1/apps/a%2Fb/profiles/p%201/token")).toMatchObject({
      appId: "a/b",
      profileId: "p 1",
    });
    expect(tokenTargetOf("/api/v1/apps/%E0%A4%A/profiles/p1/token")?.appId).toBe("%E0%A4%A");
    // Answered by the token API (its JSON 404), not by Next.js's page.
    expect(tokenTargetOf("/api/v1/apps//profiles/p1/token")?.appId).toBe("");
  });

  it("leaves every other path to Next.js", () => {
    for (const url of [
      "/api/v1/apps/a1/profiles/p1/token/",
      "/api/v1/apps/a1/profiles/p1/tokens",
      "/api/v1/apps/a1/profiles/p1/proxy/token",
      "/api/v1/apps/a1/b/profiles/p1/token",
      "/x/api/v1/apps/a1/profiles/p1/token",
      "/api/v1/openapi.json",
      "/",
    ])
      expect(tokenTargetOf(url), url).toBeNull();
  });
});
