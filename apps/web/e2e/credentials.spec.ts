import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { expect, test } from "./support/fixtures.ts";
import { fillProfile, openNewProfileDialog } from "./support/profiles.ts";

test.describe.configure({ timeout: 180_000 });

const DAY = 24 * 60 * 60 * 1000;
/** The calendar day `days` from now (UTC), as a date field takes it. */
const dayIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** A new profile typed into the dialog, with its client secret's expiry date. */
async function createWithExpiry(page: Page, name: string, expiresOn: string) {
  const dialog = await openNewProfileDialog(page);
  await fillProfile(dialog, {
    name,
    identityProviderName: "Entra ID",
    clientId: `${name} client`,
    clientSecret: "a-secret-that-expires",
    tokenRequestUrl: "https://login.example.com/oauth2/token",
  });
  await dialog.getByLabel("Client secret expires on").fill(expiresOn);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Profile "${name}" created`)).toBeVisible();
}

const listedNames = (page: Page) =>
  page
    .locator("tbody tr[data-credential]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-credential")));

test("the Credentials page lists the soonest secret expiry first, sorts by column, and is axe-clean", async ({
  page,
  app,
}) => {
  await createWithExpiry(page, "Orders API", dayIn(40));
  await createWithExpiry(page, "Refunds API", dayIn(6));

  await page
    .getByRole("navigation", { name: "Team" })
    .getByRole("link", { name: "Credentials" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/t/${app.teamId}/credentials$`));
  await expect(page.getByRole("heading", { name: "Credentials", exact: true })).toBeVisible();
  await expect.poll(() => listedNames(page)).toEqual(["Refunds API", "Orders API"]);
  const refunds = page.locator('tr[data-credential="Refunds API"]');
  await expect(refunds.getByRole("listitem")).toHaveText(/Expires in [56] days/);
  await expect(refunds).toContainText("Payments");
  await expect(refunds).toContainText("Send as Basic Auth header");
  await expect(refunds).toContainText("Sam Seeded");
  // Forty days away: listed with its date, not flagged yet.
  await expect(page.locator('tr[data-credential="Orders API"]').getByRole("listitem")).toHaveCount(
    0,
  );
  await expect(page.getByText("a-secret-that-expires")).toHaveCount(0);

  // A column sorts the list; a second press reverses it; the attention order comes back.
  const expires = page.getByRole("button", { name: "Expires" });
  await expires.click();
  await expect.poll(() => listedNames(page)).toEqual(["Refunds API", "Orders API"]);
  await expires.click();
  await expect.poll(() => listedNames(page)).toEqual(["Orders API", "Refunds API"]);
  await expect(page.getByRole("columnheader", { name: "Expires" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await page.getByRole("button", { name: "Needs attention first" }).click();
  await expect.poll(() => listedNames(page)).toEqual(["Refunds API", "Orders API"]);

  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectNoSeriousViolations(page, `credentials, ${theme} theme`);
  }
});
