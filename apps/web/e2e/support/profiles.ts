import { expect, type Locator, type Page } from "@playwright/test";
import { createApp, type NewProfile } from "./apps.ts";

/** Creates an app on the team's Apps page and opens its Authorization Profiles; returns its id. */
export async function createAppAndOpenProfiles(page: Page, teamId: string, name: string) {
  await page.goto(`/t/${teamId}`);
  // Creating an app opens its profiles.
  return createApp(page, name);
}

/** Opens the New Authorization Mechanism dialog from the Authorization Profiles page. */
export async function openNewProfileDialog(page: Page) {
  await page.getByRole("button", { name: "New", exact: true }).first().click();
  return page.getByRole("dialog", { name: "New Authorization Mechanism" });
}

/** Types the profile form's required fields, as a person would. */
export async function fillProfile(
  dialog: Locator,
  profile: Omit<NewProfile, "autoRefresh" | "tenancyEnabled">,
) {
  await dialog.getByLabel("Name", { exact: true }).fill(profile.name);
  await dialog.getByLabel("Identity Provider Name").fill(profile.identityProviderName);
  await dialog.getByLabel("Client ID").fill(profile.clientId);
  await dialog.getByLabel("Client Secret Key", { exact: true }).fill(profile.clientSecret);
  await dialog.getByLabel("Token Request URL").fill(profile.tokenRequestUrl);
}

export type FieldInput = {
  type: "Header" | "Payload" | "Query String" | "Path Param";
  key: string;
  value: string;
  secret?: boolean;
};

/** Unfolds the profile form's optional fields (Refresh Token URL, Description, ...), if folded. */
export async function openAdvanced(dialog: Locator) {
  const advanced = dialog.getByRole("button", { name: "Advanced", exact: true });
  if ((await advanced.getAttribute("aria-expanded")) === "false") await advanced.click();
  await expect(advanced).toHaveAttribute("aria-expanded", "true");
}

/** "+ Add Authorization Field", filled and Done. */
export async function addAuthorizationField(dialog: Locator, field: FieldInput) {
  await openAdvanced(dialog);
  await dialog.getByRole("button", { name: "+ Add Authorization Field" }).click();
  await fillAuthorizationField(dialog, field);
  await dialog.getByRole("button", { name: "Done" }).click();
}

export async function fillAuthorizationField(dialog: Locator, field: FieldInput) {
  await dialog.getByLabel("Field Type").selectOption({ label: field.type });
  await dialog.getByLabel("Field Key").fill(field.key);
  await dialog.getByLabel("Field Value").fill(field.value);
  await dialog.getByLabel("Secret", { exact: true }).setChecked(field.secret ?? false);
}

/** The row of a profile in the list. */
export const profileRow = (page: Page, name: string) =>
  page.getByRole("table", { name: "Authorization profiles" }).getByRole("row", { name });
