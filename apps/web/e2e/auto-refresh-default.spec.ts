import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";
import { createAppAndOpenProfiles, profileRow } from "./support/profiles.ts";

test.describe.configure({ timeout: 180_000 });

const CLIENT = { clientId: "fresh-by-default", clientSecret: "fresh-by-default-secret-77" };

let provider: OidcTestProvider;

test.beforeAll(async () => {
  // Forty-second tokens: kept fresh by a refresh about eight seconds before they expire.
  provider = await startOidcProvider({
    clients: [{ ...CLIENT, authMethod: "client_secret_basic" }],
    accessTokenTTL: 40,
  });
});

test.afterAll(async () => {
  await provider?.close();
});

test("a new profile whose test passes keeps its token fresh without being asked", async ({
  page,
}) => {
  const teamId = await signUp(page, {
    name: "Nia Newcomer",
    email: uniqueEmail("fresh-default"),
    teamName: `Fresh ${Date.now().toString(36)}`,
  });
  const appId = await createAppAndOpenProfiles(page, teamId, "Fresh app");

  await page.getByRole("button", { name: "New", exact: true }).first().click();
  const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
  // The dialog says it before anything is saved, with the switch right there.
  const autoRefresh = dialog.getByRole("switch", { name: "Auto-refresh" });
  await expect(autoRefresh).toBeChecked();
  await expect(dialog.getByText("Auto-refresh on", { exact: true })).toBeVisible();
  await expect(autoRefresh).toHaveAccessibleDescription(/before the current one expires/);
  await dialog.getByLabel("Name", { exact: true }).fill("Fresh API");
  await dialog.getByLabel("Identity Provider Name").fill("oidc-provider");
  await dialog.getByLabel("Client ID").fill(CLIENT.clientId);
  await dialog.getByLabel("Client Secret Key", { exact: true }).fill(CLIENT.clientSecret);
  await dialog.getByLabel("Token Request URL").fill(provider.tokenUrl);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  await profileRow(page, "Fresh API").getByRole("button", { name: "Test Fresh API" }).click();
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  await expect(result.getByText("Auto-refresh on", { exact: true })).toBeVisible();
  await expect(result.getByRole("switch", { name: "Auto-refresh" })).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(result).toBeHidden();
  const tested = provider.requests.filter((r) => r.status === 200).length;

  // Nothing else is pressed: the worker refreshes the token before the first one expires.
  await page.goto(`/t/${teamId}/apps/${appId}/tokens`);
  const card = page.getByRole("region", { name: "Fresh API" });
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

test("a profile saved with auto-refresh off says so after a passing test", async ({ page }) => {
  const teamId = await signUp(page, {
    name: "Otto Off",
    email: uniqueEmail("fresh-off"),
    teamName: `Off ${Date.now().toString(36)}`,
  });
  await createAppAndOpenProfiles(page, teamId, "Off app");
  await page.getByRole("button", { name: "New", exact: true }).first().click();
  const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
  await dialog.getByLabel("Name", { exact: true }).fill("Manual API");
  await dialog.getByLabel("Identity Provider Name").fill("oidc-provider");
  await dialog.getByLabel("Client ID").fill(CLIENT.clientId);
  await dialog.getByLabel("Client Secret Key", { exact: true }).fill(CLIENT.clientSecret);
  await dialog.getByLabel("Token Request URL").fill(provider.tokenUrl);
  await dialog.getByRole("switch", { name: "Auto-refresh" }).click();
  await expect(dialog.getByText("Auto-refresh off", { exact: true })).toBeVisible();
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  await profileRow(page, "Manual API").getByRole("button", { name: "Test Manual API" }).click();
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  await expect(result.getByText("Auto-refresh off", { exact: true })).toBeVisible();
  // Switched on right there: the Tokens page agrees.
  const toggle = result.getByRole("switch", { name: "Auto-refresh" });
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(result.getByText("Auto-refresh on", { exact: true })).toBeVisible();
});
