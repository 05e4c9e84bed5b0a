import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.ts";
import { tabTo } from "./support/keyboard.ts";
import { fillProfile, openAdvanced } from "./support/profiles.ts";

test.describe.configure({ timeout: 180_000 });

/** Opens the New dialog by keyboard from the Authorization Profiles page (the `app` fixture's). */
async function openNewDialog(page: Page) {
  const opener = page.getByRole("button", { name: "New", exact: true }).first();
  await tabTo(page, opener);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
  await expect(dialog.getByLabel("Identity Provider Name")).toBeVisible();
  return { dialog, opener };
}

test("Escape on a changed form asks before throwing the work away", async ({ page, app: _ }) => {
  const { dialog, opener } = await openNewDialog(page);
  await expect(dialog.getByLabel("Name", { exact: true })).toBeFocused();
  await page.keyboard.type("Half-typed");

  await page.keyboard.press("Escape");
  const confirm = page.getByRole("alertdialog", { name: "Discard your changes?" });
  await expect(confirm).toBeVisible();
  // Escape on the question goes back to the form, with what was typed.
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue("Half-typed");

  // The close button asks too; discarding closes the dialog.
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Discard changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

for (const width of [375, 1440]) {
  test(`at ${width} px Save stays in view while the form scrolls`, async ({ page, app: _ }) => {
    await page.setViewportSize({ width, height: 800 });
    const { dialog } = await openNewDialog(page);
    await openAdvanced(dialog);
    const save = dialog.getByRole("button", { name: "Save", exact: true });
    const saveAndTest = dialog.getByRole("button", { name: "Save & Test" });
    // The form is taller than the dialog, so there is scrolling to do.
    const { scrollHeight, clientHeight } = await dialog.evaluate((el) => ({
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
    }));
    expect(scrollHeight).toBeGreaterThan(clientHeight + 200);
    if (width === 375) {
      // On a phone the dialog is a full-screen sheet.
      expect(await dialog.boundingBox()).toMatchObject({ x: 0, y: 0, width: 375, height: 800 });
    }
    for (const to of [0, scrollHeight / 2, scrollHeight]) {
      await dialog.evaluate((el, top) => el.scrollTo({ top }), to);
      await expect(save).toBeInViewport({ ratio: 1 });
      await expect(saveAndTest).toBeInViewport({ ratio: 1 });
      // Nothing scrolls over it: a click at its centre lands on it.
      const onTop = await save.evaluate((button) => {
        const box = button.getBoundingClientRect();
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return button.contains(hit);
      });
      expect(onTop, `Save uncovered after scrolling to ${to}`).toBe(true);
    }
  });
}

test("the focus lands on the first field, each new row, and back on Test (keyboard only)", async ({
  page,
  app: _,
}) => {
  const { dialog } = await openNewDialog(page);
  const { keyboard } = page;
  await expect(dialog.getByLabel("Name", { exact: true })).toBeFocused();

  await tabTo(page, dialog.getByRole("button", { name: "Add Key/Value pair" }));
  await keyboard.press("Enter");
  await expect(dialog.getByLabel("Key", { exact: true })).toBeFocused();
  await tabTo(page, dialog.getByRole("button", { name: "Add Key/Value pair" }));
  await keyboard.press("Enter");
  await expect(dialog.getByLabel("Key", { exact: true }).nth(1)).toBeFocused();
  await keyboard.type("audience");
  await expect(dialog.getByLabel("Key", { exact: true }).nth(1)).toHaveValue("audience");

  await tabTo(page, dialog.getByRole("button", { name: "Advanced", exact: true }));
  await keyboard.press("Enter");
  await tabTo(page, dialog.getByRole("button", { name: "+ Add Authorization Field" }));
  await keyboard.press("Enter");
  await expect(dialog.getByLabel("Field Key")).toBeFocused();
});

test("after the Test dialog closes, the focus is back on the Test button", async ({
  page,
  seededTeam: team,
}) => {
  await page.goto(team.appPath("profiles"));
  const testButton = page.getByRole("button", { name: "Test Billing API" });
  await tabTo(page, testButton);
  await page.keyboard.press("Enter");
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Failed")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(result).toBeHidden();
  await expect(testButton).toBeFocused();
});

test("a {placeholder} in the Token Request URL offers its Path Param, and nothing moves", async ({
  page,
  app: _,
}) => {
  const { dialog } = await openNewDialog(page);
  const url = dialog.getByLabel("Token Request URL");
  const below = dialog.getByRole("switch", { name: "Tenancy" });
  // In view first: typing into a field below the fold scrolls the dialog, which is not a move.
  await below.scrollIntoViewIfNeeded();
  const before = await below.boundingBox();
  await url.fill("https://auth.example.com/{region}/oauth/token");
  await url.blur();
  await expect(url).toHaveAccessibleDescription(/\{region\} is not a Path Param of this profile/);
  // The message takes the hint's place: the controls under it stay where they were.
  expect(await below.boundingBox()).toEqual(before);

  await dialog.getByRole("button", { name: "Add Path Param region" }).click();
  await expect(dialog.getByLabel("Field Type")).toHaveValue("path");
  await expect(dialog.getByLabel("Field Key")).toHaveValue("region");
  await expect(dialog.getByLabel("Field Value")).toBeFocused();
  await page.keyboard.type("eu");
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("listitem", { name: "Path Param region" })).toBeVisible();
  await expect(url).not.toHaveAccessibleDescription(/is not a Path Param/);
});

test("on a phone the dialog's close button is at least 24 × 24 px", async ({ page, app: _ }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const { dialog } = await openNewDialog(page);
  const box = await dialog.getByRole("button", { name: "Close" }).boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(24);
  expect(box?.height).toBeGreaterThanOrEqual(24);
});

test("Save & Test saves the profile, then opens it with the test's verdict", async ({
  page,
  app: _,
  endpoint,
}) => {
  const { dialog } = await openNewDialog(page);
  await fillProfile(dialog, {
    name: "Saved and tested",
    identityProviderName: "oidc-provider",
    ...endpoint,
  });
  await dialog.getByRole("button", { name: "Save & Test" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Saved and tested" })).toBeVisible();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
});
