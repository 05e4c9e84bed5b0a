// @module-tag resilience
import { describe, expect, it } from "vitest";
import { PASSWORD, signUpAndSignIn, useAuthRoute } from "../support/auth-route.ts";

// A file of its own: the auth set-up reads AUTHDECK_BASE_URL once, and here it is https.
const auth = await useAuthRoute({
  label: "signin_https",
  baseUrl: "https://authdeck.example.test",
});

describe("sign-in over https", () => {
  it("sets the session cookie Secure, HttpOnly and SameSite=Lax under the __Secure- prefix", async () => {
    const account = { name: "Grace", email: "grace@example.test", password: PASSWORD };
    const response = await signUpAndSignIn(auth, account);
    const cookie = response.headers.getSetCookie().find((value) => value.includes("session_token"));
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=[^;]+;/);
    const attributes = (cookie ?? "").split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
  });
});
