import { createApp } from "./support/apps.ts";
import { expect, test, tokensEndpoint } from "./support/fixtures.ts";

// Two apps made through the dialog, each opening its page: on a busy two-core machine that
// alone took most of the default minute.
test.describe.configure({ timeout: 120_000 });

test.use({
  seed: { app: "Beta", profile: { name: "Beta API", identityProviderName: "Test IdP" } },
  endpoint: tokensEndpoint("ok", { clientId: "beta-client", clientSecret: "beta-secret-44" }),
});

test("the API key dialog ticks the app you came from, and says first that one is needed", async ({
  page,
  seeded: { teamId, appId: betaId },
}) => {
  await page.goto(`/t/${teamId}`);
  await createApp(page, "Alpha");

  // Opened from the team's menu: nothing ticked, and the rule is said before any press.
  await page.goto(`/t/${teamId}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  let dialog = page.getByRole("dialog", { name: "Create API key" });
  await expect(dialog.getByRole("checkbox", { name: "Alpha" })).not.toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Beta" })).not.toBeChecked();
  await expect(
    dialog.getByRole("group", { name: "Apps this key can read" }),
  ).toHaveAccessibleDescription(
    "Tick at least one app: the key fetches tokens of the apps ticked here only.",
  );
  await page.keyboard.press("Escape");

  // Opened from Beta's Tokens page: Beta is ticked, and one press creates the key.
  await page.goto(`/t/${teamId}/apps/${betaId}/tokens`);
  await page.getByRole("link", { name: "Create an API key for this app" }).click();
  await expect(page).toHaveURL(`/t/${teamId}/api-keys?app=${betaId}`);
  await page.getByRole("button", { name: "Create API key" }).click();
  dialog = page.getByRole("dialog", { name: "Create API key" });
  await expect(dialog.getByRole("checkbox", { name: "Beta" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Alpha" })).not.toBeChecked();
  await dialog.getByLabel("Key name").fill("Beta service");
  await dialog.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("dialog", { name: "API key created" })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row", { name: /Beta service/ })).toContainText("Beta");
});
