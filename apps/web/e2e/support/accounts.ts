import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { trpcMutation } from "./apps.ts";

export const PASSWORD = "correct horse battery";

/** An address no earlier run used: every run shares nothing but may reuse a database name. */
export const uniqueEmail = (label: string) =>
  `${label}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.test`;

type SignUp = { name: string; email: string; teamName?: string };

/**
 * Fills and sends the sign-up form already open in `page`, then waits for the team page it
 * leads to; returns that team's id.
 */
export async function submitSignUp(page: Page, account: SignUp): Promise<string> {
  await page.getByLabel("Name", { exact: true }).fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(PASSWORD);
  if (account.teamName !== undefined) await page.getByLabel("Team name").fill(account.teamName);
  await page.getByRole("button", { name: /^(Create account|Sign up and join)$/ }).click();
  await expect(page).toHaveURL(/\/t\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** Signs up a new person with a team of their own; returns the team's id. */
export async function signUp(page: Page, account: SignUp & { teamName: string }) {
  await page.goto("/sign-up");
  return submitSignUp(page, account);
}

/**
 * Signs up a new person with a team of their own through the calls the sign-up page makes
 * (better-auth's sign-up and sign-in, then team.create), in `page`'s browser context, and opens
 * the team page; returns the team's id. For tests of what comes after signing up: the form has
 * specs of its own (accounts.spec.ts, keyboard.spec.ts), and going through it cost every test
 * about 3 s of its set-up.
 */
export async function signUpByApi(
  page: Page,
  baseURL: string,
  account: SignUp & { teamName: string },
): Promise<string> {
  const headers = { origin: baseURL };
  const credentials = { email: account.email, password: PASSWORD };
  const signedUp = await page.request.post("/api/auth/sign-up/email", {
    data: { ...credentials, name: account.name },
    headers,
  });
  expect(signedUp.status(), await signedUp.text()).toBe(200);
  // Sign-up signs no one in: it answers the same whether or not the address has an account.
  const signedIn = await page.request.post("/api/auth/sign-in/email", {
    data: credentials,
    headers,
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const team = await trpcMutation<{ id: string }>(
    page,
    "team.create",
    { name: account.teamName },
    baseURL,
  );
  await page.goto(`/t/${team.id}`);
  return team.id;
}
