import type { Page } from "@playwright/test";

/**
 * Creates an API key that reads one app, with the dialog on the team's API keys page; returns
 * the dialog that shows the new key.
 */
export async function createApiKey(page: Page, teamId: string, key: { name: string; app: string }) {
  await page.goto(`/t/${teamId}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Key name").fill(key.name);
  await dialog.getByRole("checkbox", { name: key.app }).check();
  await dialog.getByRole("button", { name: "Create API key" }).click();
  return page.getByRole("dialog", { name: "API key created" });
}
