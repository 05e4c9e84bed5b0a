import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  type TestDatabase,
} from "@authdeck/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A file of its own: the auth set-up reads AUTHDECK_BASE_URL once, and here it is https.
const origin = "https://authdeck.example.test";
let database: TestDatabase;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: "signin_https",
  });
  process.env.DATABASE_URL = database.url;
  process.env.AUTHDECK_SEALING_KEYS = `k1:${Buffer.alloc(32, 3).toString("base64")}`;
  process.env.AUTHDECK_BASE_URL = origin;
  process.env.BETTER_AUTH_SECRET = "another-test-secret-that-is-long-enough-789";
  const { auth } = await import("~/server/auth.ts");
  handler = (request) => auth().handler(request);
});

afterAll(async () => database.drop());

describe("sign-in over https", () => {
  it("sets the session cookie Secure, HttpOnly and SameSite=Lax under the __Secure- prefix", async () => {
    const response = await handler(
      new Request(`${origin}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, "x-forwarded-for": "192.0.2.20" },
        body: JSON.stringify({
          name: "Grace",
          email: "grace@example.test",
          password: "correct horse battery",
        }),
      }),
    );
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/__Secure-better-auth\.session_token=[^;]+;/);
    const attributes = cookie.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
  });
});
