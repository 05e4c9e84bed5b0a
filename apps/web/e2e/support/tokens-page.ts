import { expect, type Page } from "@playwright/test";

/** A profile's row on the Tokens page, found by the link to the profile. */
export const tokenRow = (page: Page, name: string) =>
  page
    .getByRole("table", { name: "Tokens by profile" })
    .locator("tr[data-profile-row]")
    .filter({ has: page.getByRole("link", { name, exact: true }) });

/** Unfolds a profile's row (if folded) and returns what it shows: tokens, Refresh now, charts. */
export async function openTokenDetails(page: Page, name: string) {
  const toggle = tokenRow(page, name).getByRole("button", { name: `Details of ${name}` });
  if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const details = page.getByRole("region", { name: `${name}: details` });
  await expect(details).toBeVisible();
  return details;
}
