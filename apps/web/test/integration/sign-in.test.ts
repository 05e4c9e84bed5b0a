// @module-tag resilience
import { createDb } from "@authdeck/core/db";
import { describe, expect, it } from "vitest";
import { PASSWORD, sessionCookie, signUpAndSignIn, useAuthRoute } from "../support/auth-route.ts";

// No proxy trusted: every request here comes from 127.0.0.1, whatever it claims.
const auth = await useAuthRoute({
  label: "signin",
  env: { AUTH_RATE_LIMIT_PER_MINUTE: "3", AUTH_FAILED_SIGN_INS_PER_ACCOUNT: "1000" },
});

describe("sign-in", () => {
  it("sets the session cookie HttpOnly and SameSite=Lax, not Secure on plain-http localhost", async () => {
    const account = { name: "Ada", email: "ada@example.test", password: PASSWORD };
    const response = await signUpAndSignIn(auth, account);
    const cookie = response.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/better-auth\.session_token=[^;]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
    expect(sessionCookie(response)).toMatch(/^better-auth\.session_token=/);
  });

  it("stores a scrypt hash, never the password", async () => {
    const db = createDb({ databaseUrl: auth.database.url, poolSize: 1 });
    const account = await db.account.findFirstOrThrow({ where: { providerId: "credential" } });
    await db.$disconnect();
    expect(account.password).not.toContain("correct horse");
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });

  it("refuses a sign-in from another site", async () => {
    const response = await auth.post(
      "/sign-in/email",
      { email: "ada@example.test", password: PASSWORD },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
  });

  it("throttles by the socket's address: 30 guesses, each with a new X-Forwarded-For, get 1 answer", async () => {
    // Two of this minute's 3 sign-ins from 127.0.0.1 were made above.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await auth.post(
        "/sign-in/email",
        // Another address each time, so only the limit per address can stop them.
        { email: `guess-${i}@example.test`, password: "wrong password!" },
        { "x-forwarded-for": `198.51.100.${i + 1}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(29);
    // The right password is refused as well until the window passes: the limit counts attempts.
    const right = await auth.post("/sign-in/email", {
      email: "ada@example.test",
      password: PASSWORD,
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
