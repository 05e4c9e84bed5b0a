import {
  createTestDatabase,
  DEFAULT_DATABASE_URL,
  type TestDatabase,
} from "@authdeck/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const origin = "http://localhost:3000";
let database: TestDatabase;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  database = await createTestDatabase({
    baseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    label: "signin",
  });
  // The web app's own better-auth set-up, over this file's database, with a small limit.
  process.env.DATABASE_URL = database.url;
  process.env.AUTHDECK_SEALING_KEYS = `k1:${Buffer.alloc(32, 2).toString("base64")}`;
  process.env.AUTHDECK_BASE_URL = origin;
  process.env.BETTER_AUTH_SECRET = "a-test-secret-that-is-long-enough-123456";
  process.env.AUTH_RATE_LIMIT_PER_MINUTE = "3";
  const { auth } = await import("~/server/auth.ts");
  handler = (request) => auth().handler(request);
});

afterAll(async () => database.drop());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  handler(
    new Request(`${origin}/api/auth${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin,
        "x-forwarded-for": "192.0.2.10",
        ...headers,
      },
      body: JSON.stringify(body),
    }),
  );

describe("sign-in", () => {
  it("sets the session cookie HttpOnly and SameSite=Lax, not Secure on plain-http localhost", async () => {
    const response = await post(
      "/sign-up/email",
      { name: "Ada", email: "ada@example.test", password: "correct horse battery" },
      { "x-forwarded-for": "192.0.2.1" },
    );
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/better-auth\.session_token=[^;]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
  });

  it("stores a scrypt hash, never the password", async () => {
    const { createDb } = await import("@authdeck/core/db");
    const db = createDb({ databaseUrl: database.url, poolSize: 1 });
    const account = await db.account.findFirstOrThrow({ where: { providerId: "credential" } });
    await db.$disconnect();
    expect(account.password).not.toContain("correct horse");
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });

  it("throttles sign-in attempts from one address", async () => {
    const attempt = () =>
      post("/sign-in/email", { email: "ada@example.test", password: "wrong password!" });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The right password is refused as well until the window passes: the limit counts attempts.
    const right = await post("/sign-in/email", {
      email: "ada@example.test",
      password: "correct horse battery",
    });
    expect(right.status).toBe(429);
  });

  it("refuses a sign-in from another site", async () => {
    const response = await post(
      "/sign-in/email",
      { email: "ada@example.test", password: "correct horse battery" },
      { origin: "https://evil.example", "x-forwarded-for": "192.0.2.99" },
    );
    expect(response.status).toBe(403);
  });
});
