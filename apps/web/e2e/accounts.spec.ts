// @module-tag resilience
import { expect, test } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "./support/accounts.ts";

test("changing the password from the account menu signs out every other browser", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("password");
  const teamId = await signUp(page, { name: "Pat Password", email, teamName: "Password team" });
  // The same person, signed in on another computer.
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await elsewhere.goto("/sign-in");
  await elsewhere.getByLabel("Email").fill(email);
  await elsewhere.getByLabel("Password").fill(PASSWORD);
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere).toHaveURL(`/t/${teamId}`);

  await page.getByRole("button", { name: "Account: Pat Password" }).click();
  await page.getByRole("menuitem", { name: "Change password" }).click();
  const dialog = page.getByRole("dialog", { name: "Change password" });
  await dialog.getByLabel("Current password").fill(PASSWORD);
  await dialog.getByLabel("New password").fill("aaaaaaaaaa");
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText(/Repeated characters like "aaa" are easy to guess/)).toBeVisible();
  await dialog.getByLabel("New password").fill("a brand new passphrase for pat");
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText("Password changed; every other session was signed out"),
  ).toBeVisible();

  // Still signed in here; signed out there.
  await page.reload();
  await expect(page).toHaveURL(`/t/${teamId}`);
  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await other.close();
});

test("signing up with an address that has an account says to sign in instead", async ({ page }) => {
  const email = uniqueEmail("taken");
  await signUp(page, { name: "Tara Taken", email, teamName: "Taken team" });
  await page.context().clearCookies();
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill("Someone Else");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("another strong passphrase");
  await page.getByLabel("Team name").fill("Other team");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("If you already have an account, sign in instead.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});

test("sign-up refuses a password that is easy to guess, on its field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill("Wes Weak");
  await page.getByLabel("Email").fill(uniqueEmail("weak"));
  await page.getByLabel("Password").fill("password123");
  await page.getByLabel("Team name").fill("Weak team");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("This password is too easy to guess.")).toBeVisible();
});
