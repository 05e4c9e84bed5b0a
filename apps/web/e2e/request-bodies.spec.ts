// @module-tag resilience
import { expect, test } from "@playwright/test";

// The running app, not a handler in a test: what Next itself does with a big body counts too.
const TWO_MIB = 2 * 1024 * 1024;
const body = JSON.stringify({ json: { name: "a".repeat(TWO_MIB) } });

test("a 2 MiB body is refused with 413 by the API and by sign-in", async ({ request, baseURL }) => {
  const headers = { origin: baseURL!, "content-type": "application/json" };
  // Refused before any procedure runs, signed in or not.
  const trpc = await request.post("/api/trpc/team.create", { data: body, headers });
  expect(trpc.status()).toBe(413);
  expect((await trpc.json()).error.json.data.code).toBe("PAYLOAD_TOO_LARGE");

  const signIn = await request.post("/api/auth/sign-in/email", { data: body, headers });
  expect(signIn.status()).toBe(413);
  expect(await signIn.json()).toEqual({
    code: "PAYLOAD_TOO_LARGE",
    message: "The request is larger than 1 MiB",
  });

  // A normal body still reaches sign-in, which answers it.
  const small = await request.post("/api/auth/sign-in/email", {
    data: { email: "nobody@example.test", password: "not the password" },
    headers,
  });
  expect(small.status()).toBe(401);
  expect(await small.json()).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
});

test("sign-up refuses a NUL character, which PostgreSQL cannot store, on its field", async ({
  request,
  baseURL,
}) => {
  const response = await request.post("/api/auth/sign-up/email", {
    data: { name: "Nul\u0000name", email: "nul@example.test", password: "correct horse battery" },
    headers: { origin: baseURL!, "content-type": "application/json" },
  });
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({
    code: "INVALID_INPUT",
    message: "name: must not contain the NUL character",
  });
});
