import { expect, test } from "./support/fixtures.ts";

test("an owner renames the team on its Members page; the team switcher follows", async ({
  page,
  owner: { teamId },
}) => {
  await page.goto(`/t/${teamId}/members`);
  const section = page.getByRole("region", { name: "Team name" });
  const field = section.getByLabel("Team name");
  const newName = `New name ${Date.now().toString(36)}`;
  await field.fill(newName);
  await section.getByRole("button", { name: "Rename team" }).click();
  await expect(page.getByText(`Team renamed to "${newName}"`)).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(newName);
  await page.reload();
  await expect(page.getByRole("region", { name: "Team name" }).getByLabel("Team name")).toHaveValue(
    newName,
  );
});

test("signed out, the sign-in page has a theme switch that takes effect and stays", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/sign-in");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.getByRole("button", { name: "Theme" }).click();
  const dark = page.getByRole("menuitemradio", { name: "Dark" });
  await dark.click();
  await expect(dark).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.goto("/sign-up");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});
