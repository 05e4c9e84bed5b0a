import { expect, type Locator, type Page } from "@playwright/test";
import { createApp } from "./apps.ts";

/** Creates an app on the team's Apps page and opens its Authorization Profiles; returns its id. */
export async function createAppAndOpenProfiles(page: Page, teamId: string, name: string) {
  await page.goto(`/t/${teamId}`);
  const appId = await createApp(page, name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}\/profiles$/);
  await expect(
    page.getByRole("heading", { name: "Authorization Profiles", exact: true }),
  ).toBeVisible();
  return appId;
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
