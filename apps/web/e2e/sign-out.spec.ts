import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";

test("signing out from the account menu ends the session", async ({ page }) => {
  const teamId = await signUp(page, {
    name: "Sam Signout",
    email: uniqueEmail("signout"),
    teamName: "Sign-out team",
  });
  await page.getByRole("button", { name: "Account: Sam Signout" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.goto(`/t/${teamId}`);
  await expect(page).toHaveURL(/\/sign-in/);
});
