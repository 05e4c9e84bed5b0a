// @module-tag resilience
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startAuthRoute } from "../support/auth-route.ts";

let auth: Awaited<ReturnType<typeof startAuthRoute>>;

// A file of its own: the auth set-up reads AUTHDECK_BASE_URL once, and here it is https.
beforeAll(async () => {
  auth = await startAuthRoute({
    label: "signin_https",
    baseUrl: "https://authdeck.example.test",
  });
});

afterAll(async () => auth.close());

describe("sign-in over https", () => {
  it("sets the session cookie Secure, HttpOnly and SameSite=Lax under the __Secure- prefix", async () => {
    const account = { name: "Grace", email: "grace@example.test", password: PASSWORD };
    expect((await auth.post("/sign-up/email", account)).status).toBe(200);
    const response = await auth.post("/sign-in/email", account);
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((value) => value.includes("session_token"));
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=[^;]+;/);
    const attributes = (cookie ?? "").split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
  });
});
