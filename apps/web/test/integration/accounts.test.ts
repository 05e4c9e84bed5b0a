// @module-tag resilience
import { createDb, type Db } from "@authdeck/core/db";
import { afterAll, describe, expect, it } from "vitest";
import { PASSWORD, sessionCookie, useAuthRoute } from "../support/auth-route.ts";

const auth = await useAuthRoute({
  label: "accounts",
  env: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" },
});
const db: Db = createDb({ databaseUrl: auth.database.url, poolSize: 1 });
afterAll(async () => db.$disconnect());

const signUp = (name: string, email: string, password = PASSWORD) =>
  auth.post("/sign-up/email", { name, email, password });

async function signIn(email: string, password = PASSWORD) {
  const response = await auth.post("/sign-in/email", { email, password });
  expect(response.status).toBe(200);
  return { response, cookie: sessionCookie(response) };
}

/** Status, header names and the body's shape: what tells one answer from another. */
async function shapeOf(response: Response) {
  const body = (await response.json()) as { user: Record<string, unknown> };
  const ignored = new Set(["date", "content-length"]);
  return {
    status: response.status,
    headers: [...response.headers.keys()].filter((name) => !ignored.has(name)).sort(),
    keys: Object.keys(body).sort(),
    userKeys: Object.keys(body.user).sort(),
  };
}

describe("sign-up", () => {
  it("answers an address that has an account exactly as it answers a new one", async () => {
    const first = await shapeOf(await signUp("Erin Existing", "erin@example.test"));
    const again = await shapeOf(
      await signUp("Mallory", "erin@example.test", "another strong passphrase"),
    );
    const fresh = await shapeOf(await signUp("Nina New", "nina@example.test"));
    expect(again).toEqual(fresh);
    expect(first).toEqual(fresh);
    // The account is untouched: its name and password are the first ones.
    const user = await db.user.findUniqueOrThrow({ where: { email: "erin@example.test" } });
    expect(user.name).toBe("Erin Existing");
    await signIn("erin@example.test");
    expect(
      (
        await auth.post("/sign-in/email", {
          email: "erin@example.test",
          password: "another strong passphrase",
        })
      ).status,
    ).toBe(401);
  });

  it.each([
    ["repeated characters", "aaaaaaaaaa", /Repeated characters like "aaa" are easy to guess/],
    ["a very common password", "password123", /commonly used password/],
    ["a keyboard row", "qwertyuiop", /frequently used password/],
    ["the person's own email address", "weak.walter@example.test", /personal/],
  ])("refuses %s as the password, saying why, creating no account", async (_, password, why) => {
    const response = await signUp("Walter Weak", "weak.walter@example.test", password);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe("PASSWORD_TOO_WEAK");
    expect(body.message).toMatch(/^This password is too easy to guess\. /);
    expect(body.message).toMatch(why);
    expect(await db.user.count({ where: { email: "weak.walter@example.test" } })).toBe(0);
  });

  it.each([
    ["81 characters", "n".repeat(81), "Name must be at most 80 characters"],
    ["10,000 characters", "n".repeat(10_000), "Name must be at most 80 characters"],
    [
      "a right-to-left override",
      "Eve \u202Egnp.exe",
      "Name must not contain characters that change the text's direction",
    ],
    ["a zero-width space", "Ev\u200Be", "Name must not contain invisible characters"],
    ["only spaces", "   ", "Name is required"],
  ])("refuses a name of %s", async (_, name, message) => {
    const response = await signUp(name, "named@example.test");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: "INVALID_NAME", message });
    expect(await db.user.count({ where: { email: "named@example.test" } })).toBe(0);
  });
});

describe("account settings", () => {
  it("keep names to the same rule", async () => {
    expect((await signUp("Ursula", "ursula@example.test")).status).toBe(200);
    const { cookie } = await signIn("ursula@example.test");
    const long = await auth.post("/update-user", { name: "u".repeat(10_000) }, { cookie });
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({
      code: "INVALID_NAME",
      message: "Name must be at most 80 characters",
    });
    expect((await auth.post("/update-user", { name: "Ursula K." }, { cookie })).status).toBe(200);
    const user = await db.user.findUniqueOrThrow({ where: { email: "ursula@example.test" } });
    expect(user.name).toBe("Ursula K.");
  });
});

describe("a password change", () => {
  it("ends every other session, even when the client asks to keep them", async () => {
    expect((await signUp("Paula", "paula@example.test")).status).toBe(200);
    const laptop = await signIn("paula@example.test");
    const stolen = await signIn("paula@example.test");
    const changed = await auth.post(
      "/change-password",
      {
        currentPassword: PASSWORD,
        newPassword: "a fresh passphrase for paula",
        revokeOtherSessions: false,
      },
      { cookie: laptop.cookie },
    );
    expect(changed.status).toBe(200);
    const session = async (cookie: string) => (await auth.get("/get-session", { cookie })).json();
    expect(await session(stolen.cookie)).toBeNull();
    expect(await session(laptop.cookie)).toBeNull();
    // The browser that changed it goes on, with the session it was given.
    expect(await session(sessionCookie(changed))).toMatchObject({
      user: { email: "paula@example.test" },
    });
    expect(await db.session.count({ where: { user: { email: "paula@example.test" } } })).toBe(1);
  });

  it("refuses a weak new password", async () => {
    expect((await signUp("Quinn", "quinn@example.test")).status).toBe(200);
    const { cookie } = await signIn("quinn@example.test");
    const response = await auth.post(
      "/change-password",
      { currentPassword: PASSWORD, newPassword: "aaaaaaaaaa" },
      { cookie },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "PASSWORD_TOO_WEAK" });
  });
});

describe("the session token", () => {
  it("is in no answer's body, only in the HttpOnly cookie", async () => {
    const bodies: string[] = [];
    const keep = async (response: Response) => {
      bodies.push(await response.clone().text());
      return response;
    };
    await keep(await signUp("Tess Token", "tess@example.test"));
    const { response, cookie } = await signIn("tess@example.test");
    await keep(response);
    await keep(await auth.get("/get-session", { cookie }));
    await keep(await auth.get("/list-sessions", { cookie }));
    const changed = await keep(
      await auth.post(
        "/change-password",
        { currentPassword: PASSWORD, newPassword: "another strong passphrase" },
        { cookie },
      ),
    );
    await keep(await auth.get("/get-session", { cookie: sessionCookie(changed) }));
    const tokens = (await db.session.findMany({ select: { token: true } })).map((s) => s.token);
    expect(tokens.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body).not.toMatch(/"token"/);
      for (const token of tokens) expect(body).not.toContain(token);
    }
    expect(JSON.parse(bodies[1] ?? "{}")).toMatchObject({ user: { email: "tess@example.test" } });
  });
});
