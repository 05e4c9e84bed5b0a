import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.ts";
import { fillProfile, openNewProfileDialog, profileRow } from "./support/profiles.ts";
import { tokenRow } from "./support/tokens-page.ts";

test.describe.configure({ timeout: 180_000 });

/** Saves the New dialog, presses Test on the new profile's row and waits for the pass. */
async function saveAndTestFromList(page: Page, dialog: Locator, name: string) {
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  await profileRow(page, name)
    .getByRole("button", { name: `Test ${name}` })
    .click();
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  return result;
}

// Forty-second tokens: kept fresh by a refresh about eight seconds before they expire.
test.use({
  oidc: {
    client: { clientId: "fresh-by-default", clientSecret: "fresh-by-default-secret-77" },
    accessTokenTTL: 40,
  },
});

test("a new profile whose test passes keeps its token fresh without being asked", async ({
  page,
  app: { teamId, appId },
  provider,
  endpoint,
}) => {
  const dialog = await openNewProfileDialog(page);
  // The dialog says it before anything is saved, with the switch right there.
  const autoRefresh = dialog.getByRole("switch", { name: "Auto-refresh" });
  await expect(autoRefresh).toBeChecked();
  await expect(dialog.getByText("Auto-refresh on", { exact: true })).toBeVisible();
  await expect(autoRefresh).toHaveAccessibleDescription(/before the current one expires/);
  await fillProfile(dialog, {
    name: "Fresh API",
    identityProviderName: "oidc-provider",
    ...endpoint,
  });
  const result = await saveAndTestFromList(page, dialog, "Fresh API");
  await expect(result.getByText("Auto-refresh on", { exact: true })).toBeVisible();
  await expect(result.getByRole("switch", { name: "Auto-refresh" })).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(result).toBeHidden();
  const tested = provider.requests.filter((r) => r.status === 200).length;

  // Nothing else is pressed: the worker refreshes the token before the first one expires.
  await page.goto(`/t/${teamId}/apps/${appId}/tokens`);
  const card = tokenRow(page, "Fresh API");
  await expect(card.getByRole("switch", { name: "Auto-refresh" })).toBeChecked();
  const countdown = card.locator("[data-countdown]");
  const firstExpiry = new Date((await countdown.getAttribute("datetime"))!).getTime();
  await expect(countdown).not.toHaveAttribute("datetime", new Date(firstExpiry).toISOString(), {
    timeout: 60_000,
  });
  expect(Date.now()).toBeLessThan(firstExpiry);
  expect(provider.requests.filter((r) => r.status === 200).length).toBeGreaterThan(tested);
  await expect(card.getByText("Fresh", { exact: true })).toBeVisible();
});

test("a profile saved with auto-refresh off says so after a passing test", async ({
  page,
  app: _,
  endpoint,
}) => {
  const dialog = await openNewProfileDialog(page);
  await fillProfile(dialog, {
    name: "Manual API",
    identityProviderName: "oidc-provider",
    ...endpoint,
  });
  await dialog.getByRole("switch", { name: "Auto-refresh" }).click();
  await expect(dialog.getByText("Auto-refresh off", { exact: true })).toBeVisible();
  const result = await saveAndTestFromList(page, dialog, "Manual API");
  await expect(result.getByText("Auto-refresh off", { exact: true })).toBeVisible();
  // Switched on right there: the Tokens page agrees.
  const toggle = result.getByRole("switch", { name: "Auto-refresh" });
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(result.getByText("Auto-refresh on", { exact: true })).toBeVisible();
});
