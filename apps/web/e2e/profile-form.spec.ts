import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { expect, type Page, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";
import { tabTo } from "./support/keyboard.ts";
import { createAppAndOpenProfiles, openAdvanced } from "./support/profiles.ts";
import { SEED_CLIENT, seedTeam } from "./support/seed.ts";

test.describe.configure({ timeout: 180_000 });

let provider: OidcTestProvider;

test.beforeAll(async () => {
  provider = await startOidcProvider({
    clients: [{ ...SEED_CLIENT, authMethod: "client_secret_basic" }],
  });
});

test.afterAll(async () => {
  await provider?.close();
});

async function openNewDialog(page: Page, label: string) {
  const teamId = await signUp(page, {
    name: "Fran Form",
    email: uniqueEmail(label),
    teamName: `Forms ${label}`,
  });
  await createAppAndOpenProfiles(page, teamId, "Payments");
  const opener = page.getByRole("button", { name: "New", exact: true }).first();
  await tabTo(page, opener);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
  await expect(dialog.getByLabel("Identity Provider Name")).toBeVisible();
  return { dialog, opener };
}

test("Escape on a changed form asks before throwing the work away", async ({ page }) => {
  const { dialog, opener } = await openNewDialog(page, "discard");
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
  test(`at ${width} px Save stays in view while the form scrolls`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const { dialog } = await openNewDialog(page, `footer-${width}`);
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
}) => {
  const { dialog } = await openNewDialog(page, "focus");
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

test("after the Test dialog closes, the focus is back on the Test button", async ({ page }) => {
  const team = await seedTeam(page, provider, "focus-back");
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
}) => {
  const { dialog } = await openNewDialog(page, "path-param");
  const url = dialog.getByLabel("Token Request URL");
  const below = dialog.getByRole("switch", { name: "Tenancy" });
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

test("on a phone the dialog's close button is at least 24 × 24 px", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const { dialog } = await openNewDialog(page, "close-size");
  const box = await dialog.getByRole("button", { name: "Close" }).boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(24);
  expect(box?.height).toBeGreaterThanOrEqual(24);
});

test("Save & Test saves the profile, then opens it with the test's verdict", async ({ page }) => {
  const { dialog } = await openNewDialog(page, "save-and-test");
  await dialog.getByLabel("Name", { exact: true }).fill("Saved and tested");
  await dialog.getByLabel("Identity Provider Name").fill("oidc-provider");
  await dialog.getByLabel("Client ID").fill(SEED_CLIENT.clientId);
  await dialog.getByLabel("Client Secret Key", { exact: true }).fill(SEED_CLIENT.clientSecret);
  await dialog.getByLabel("Token Request URL").fill(provider.tokenUrl);
  await dialog.getByRole("button", { name: "Save & Test" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Saved and tested" })).toBeVisible();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
});
