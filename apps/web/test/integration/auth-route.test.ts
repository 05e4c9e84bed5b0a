// @module-tag resilience
import { describe, expect, it } from "vitest";
import { useAuthRoute } from "../support/auth-route.ts";

const auth = await useAuthRoute({ label: "auth_route" });

/** `{"a":{"a":...{"a":"x"}}}`, `depth` objects deep, written out as text. */
const nested = (depth: number, inner = '"x"') =>
  `${'{"a":'.repeat(depth)}${inner}${"}".repeat(depth)}`;

describe("the sign-in route", () => {
  it("refuses a request whose socket address it was not told, rather than guess one", async () => {
    // What a request that arrived before the peer address was tracked looks like to the route.
    const route = await import("~/app/api/auth/[...all]/route.ts");
    const response = await route.POST(
      new Request(`${auth.baseUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: auth.baseUrl,
          "x-forwarded-for": "198.51.100.1",
          "x-authdeck-client-address": "198.51.100.1",
        },
        body: JSON.stringify({ email: "early@example.test", password: "wrong password!" }),
      }),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      code: "ADDRESS_UNKNOWN",
      message: "Authdeck is still starting; try again in a moment",
    });
  });

  it.each(["/sign-in/email", "/sign-up/email"])(
    "refuses 20,000 levels of nested JSON on %s with a 400 that says so",
    async (path) => {
      const body = `{"email":"deep@example.test","password":"correct horse battery","name":"Deep","x":${nested(20_000)}}`;
      const response = await auth.send(path, { body });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        code: "INVALID_INPUT",
        message: "The request body is nested too deeply (more than 32 levels)",
      });
    },
  );

  it("refuses deep arrays as well as deep objects", async () => {
    const body = `{"email":"deep@example.test","password":"x","x":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const response = await auth.send("/sign-in/email", { body });
    expect(response.status).toBe(400);
  });

  it("still finds a NUL character, however deep within the limit", async () => {
    const response = await auth.post("/sign-up/email", {
      name: "Ada",
      email: "nul@example.test",
      password: "correct horse battery",
      extra: JSON.parse(nested(20, '"a\\u0000b"')),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe(
      `extra${".a".repeat(20)}: must not contain the NUL character`,
    );
  });
});
