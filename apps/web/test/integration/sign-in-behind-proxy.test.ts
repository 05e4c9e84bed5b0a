// @module-tag resilience
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, useAuthRoute } from "../support/auth-route.ts";

// One proxy in front (this test, on 127.0.0.1), appending the address it was reached from.
const auth = await useAuthRoute({
  label: "signin_proxy",
  env: {
    AUTHDECK_TRUSTED_PROXIES: "1",
    AUTH_RATE_LIMIT_PER_MINUTE: "5",
    AUTH_FAILED_SIGN_INS_PER_ACCOUNT: "3",
  },
});

beforeAll(async () => {
  const account = { name: "Vic Victim", email: "victim@example.test", password: PASSWORD };
  expect((await auth.post("/sign-up/email", account)).status).toBe(200);
});

/** A sign-in as the proxy passes it on: whatever the client sent, then the client's address. */
const signInFrom = (client: string, email: string, password: string, forged?: string) =>
  auth.post(
    "/sign-in/email",
    { email, password },
    { "x-forwarded-for": forged ? `${forged}, ${client}` : client },
  );

describe("sign-in behind a trusted proxy", () => {
  it("counts each client apart; a client's own X-Forwarded-For entries change nothing", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      // Each guess on another account, and with another forged address in front.
      const response = await signInFrom(
        "203.0.113.5",
        `a${i}@example.test`,
        "wrong password!",
        `198.51.100.${i}`,
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Another client behind the same proxy is not refused with it, whatever it sent.
    const other = await signInFrom(
      "203.0.113.6",
      "someone@example.test",
      "wrong password!",
      "198.51.100.77",
    );
    expect(other.status).toBe(401);
  });

  it("limits failed sign-ins per account, from any address, and says when to come back", async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 10; i++) {
      const response = await signInFrom(
        `192.0.2.${i + 1}`,
        "victim@example.test",
        "wrong password!",
      );
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(840);
    expect(await refused?.json()).toEqual({
      code: "TOO_MANY_FAILED_SIGN_INS",
      message: "Too many failed sign-ins for this email address. Try again in 15 minutes.",
    });
    // While the account is throttled its password is not checked, so guessing learns nothing.
    const right = await signInFrom("192.0.2.99", "victim@example.test", PASSWORD);
    expect(right.status).toBe(429);
    // An address without an account is counted the same way: the limit tells nothing either.
    const unknown = await signInFrom("192.0.2.100", "nobody@example.test", "wrong password!");
    expect(unknown.status).toBe(401);
  });

  it("does not count sign-ins that succeed", async () => {
    const account = { name: "Sam Success", email: "sam@example.test", password: PASSWORD };
    expect((await auth.post("/sign-up/email", account)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const response = await signInFrom(`192.0.2.${150 + i}`, account.email, PASSWORD);
      expect(response.status).toBe(200);
    }
    expect((await signInFrom("192.0.2.160", account.email, "wrong password!")).status).toBe(401);
  });
});
