// @module-tag resilience
import { expect, request as requests, test } from "@playwright/test";
import { type Product, startProduct } from "./support/private-product.ts";

// A product of this spec's own, with the production limit per address: the web process as users
// run it, a client on loopback forging every address header it can think of.
test.describe.configure({ timeout: 180_000 });

let product: Product;

test.beforeAll(async () => {
  product = await startProduct({
    label: "e2e_throttle",
    redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    env: { AUTH_RATE_LIMIT_PER_MINUTE: "5" },
  });
});

test.afterAll(async () => {
  await product?.stop();
});

test("30 guesses with forged, rotating address headers: 5 answered, 25 refused", async () => {
  const { baseURL } = product;
  const api = await requests.newContext();
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    const forged = `198.51.100.${i + 1}`;
    const response = await api.post(`${baseURL}/api/auth/sign-in/email`, {
      // Another account each time: only the limit per address can stop these.
      data: { email: `guess-${i}@example.test`, password: "wrong password!" },
      headers: {
        origin: baseURL,
        "x-forwarded-for": forged,
        "x-real-ip": forged,
        "x-authdeck-peer-address": forged,
        "x-authdeck-client-address": forged,
      },
    });
    statuses.push(response.status());
    if (response.status() === 429) {
      expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
    }
  }
  expect(statuses.filter((status) => status === 401)).toHaveLength(5);
  expect(statuses.filter((status) => status === 429)).toHaveLength(25);
  await api.dispose();
});

test("failed sign-ins per account: forged addresses do not reset the count", async ({
  request,
  baseURL,
}) => {
  // The shared server: 10 failures per account in 15 minutes (the default).
  const email = `per-account-${Date.now().toString(36)}@example.test`;
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const response = await request.post("/api/auth/sign-in/email", {
      data: { email, password: "wrong password!" },
      headers: { origin: baseURL!, "x-forwarded-for": `203.0.113.${i + 1}` },
    });
    statuses.push(response.status());
    if (i === 11) {
      expect(await response.json()).toMatchObject({ code: "TOO_MANY_FAILED_SIGN_INS" });
      expect(Number(response.headers()["retry-after"])).toBeGreaterThan(800);
    }
  }
  expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
});
