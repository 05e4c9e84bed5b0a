import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

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
