import { expect, test } from "./support/fixtures.ts";

test.use({ account: { person: "Sam Signout", team: "Sign-out team" } });

test("signing out from the account menu ends the session", async ({ page, owner: { teamId } }) => {
  await page.getByRole("button", { name: "Account: Sam Signout" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.goto(`/t/${teamId}`);
  await expect(page).toHaveURL(/\/sign-in/);
});
