import { expect, test } from "./support/fixtures.ts";

test.describe.configure({ timeout: 120_000 });

test("the audit log reads as sentences, with names that link to what they name", async ({
  page,
  seededTeam: team,
}) => {
  await page.goto(`/t/${team.teamId}/audit`);
  const log = page.getByRole("table");
  await expect(
    log.getByRole("row", { name: /Dana Dashboard tested Billing API: failed/ }),
  ).toBeVisible();
  await expect(
    log.getByRole("row", { name: /Dana Dashboard tested Ledger API: passed/ }),
  ).toBeVisible();
  await expect(
    log.getByRole("row", { name: /Dana Dashboard created the app Payments/ }).first(),
  ).toBeVisible();

  await log
    .getByRole("row", { name: /tested Billing API: failed/ })
    .getByRole("link", { name: "Billing API" })
    .click();
  await expect(page).toHaveURL(team.appPath(`profiles/${team.failingId}`));
  await expect(page.getByRole("heading", { name: "Billing API" })).toBeVisible();
});
