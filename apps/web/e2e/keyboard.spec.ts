import type { Browser } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "./support/accounts.ts";
import { createApp, trpcMutation } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import { tabTo } from "./support/keyboard.ts";

test.describe.configure({ timeout: 180_000 });

const CLIENT = { clientId: "keyboard-e2e", clientSecret: "keyboard-e2e-secret" };
test.use({ oidc: { client: CLIENT } });

/** An account with a team and an app, made in a browser of its own; returns the email. */
async function accountWithApp(browser: Browser, label: string) {
  const email = uniqueEmail(label);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name: "Kim Keys", email, teamName: "Keyboard team" });
  await createApp(page, "Payments");
  await context.close();
  return email;
}

test("sign in, create a profile, test it and read the Response tab with the keyboard alone", async ({
  browser,
  page,
  provider,
}) => {
  const email = await accountWithApp(browser, "keyboard");
  const { keyboard } = page;

  await page.goto("/sign-in");
  await tabTo(page, page.getByLabel("Email"));
  await keyboard.type(email);
  await tabTo(page, page.getByLabel("Password"));
  await keyboard.type(PASSWORD);
  await keyboard.press("Enter");
  await expect(page).toHaveURL(/\/t\/[0-9a-f-]{36}$/);

  await tabTo(page, page.getByRole("link", { name: "Payments", exact: true }));
  await keyboard.press("Enter");
  await expect(page).toHaveURL(/\/profiles$/);

  const newButton = page.getByRole("button", { name: "New", exact: true }).first();
  await tabTo(page, newButton);
  await keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
  await expect(dialog).toBeVisible();
  const fields: Array<[string, string]> = [
    ["Name", "Keyboard IdP"],
    ["Identity Provider Name", "oidc-provider"],
    ["Client ID", CLIENT.clientId],
    // A wrong secret: the provider answers 401, with headers and a body to read.
    ["Client Secret Key", "not-the-secret"],
    ["Token Request URL", provider.tokenUrl],
  ];
  for (const [label, value] of fields) {
    await tabTo(page, dialog.getByLabel(label, { exact: true }));
    await keyboard.type(value);
  }
  await tabTo(page, dialog.getByRole("button", { name: "Save", exact: true }));
  await keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Profile "Keyboard IdP" created')).toBeVisible();

  // Focus went back to where it was before the dialog opened.
  await expect(newButton).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Test Keyboard IdP" }));
  await keyboard.press("Enter");
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Failed")).toBeVisible();

  // A failure opens on Response. The tab list is one stop; arrows move between its tabs.
  const headersTab = result.getByRole("tab", { name: "Headers" });
  const responseTab = result.getByRole("tab", { name: "Response" });
  await tabTo(page, responseTab);
  await keyboard.press("ArrowLeft");
  await expect(headersTab).toBeFocused();
  await expect(headersTab).toHaveAttribute("aria-selected", "true");
  await keyboard.press("ArrowRight");
  await expect(responseTab).toBeFocused();
  await expect(responseTab).toHaveAttribute("aria-selected", "true");
  await expect(result.getByRole("tabpanel")).toContainText('"error": "invalid_client"');

  await keyboard.press("Escape");
  await expect(result).toBeHidden();
});

test("dialogs keep the focus inside and close on Escape", async ({ page }) => {
  await signUp(page, { name: "Tab Trap", email: uniqueEmail("trap"), teamName: "Trap team" });
  await createApp(page, "Payments");
  const opener = page.getByRole("button", { name: "New", exact: true }).first();
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
  await expect(dialog).toBeVisible();

  // More presses than the dialog has controls, both ways: the focus never leaves it.
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press(key);
      const inside = await dialog.evaluate((element) => element.contains(document.activeElement));
      expect(inside, `focus after ${i + 1} × ${key}`).toBe(true);
    }
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // A dialog opened from a menu gives the focus back to the menu's button.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await trpcMutation(page, "profile.create", {
    teamId: new URL(page.url()).pathname.split("/")[2],
    appId: new URL(page.url()).pathname.split("/")[4],
    profile: {
      name: "Menu target",
      identityProviderName: "Acme IdP",
      clientId: "menu-client",
      clientSecret: "menu-secret",
      tokenRequestUrl: "https://auth.example.com/token",
      scopes: [],
      fields: [],
    },
  });
  await page.reload();
  const more = page.getByRole("button", { name: "More actions for Menu target" });
  await tabTo(page, more);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Delete" })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Delete" })).toBeFocused();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog").or(page.getByRole("dialog"));
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(more).toBeFocused();
});
