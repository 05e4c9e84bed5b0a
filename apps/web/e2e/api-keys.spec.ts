// @module-tag resilience
import { createApiKey } from "./support/api-keys.ts";
import { createProfile } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import { testAndWait } from "./support/seed.ts";

test.use({
  oidc: { client: { clientId: "api-key-e2e", clientSecret: "api-key-e2e-secret-9c2a" } },
  seed: { app: "Shipping", profile: { name: "Carrier API", identityProviderName: "Test IdP" } },
});

test("an admin creates an API key, a service fetches a token with it, then it is revoked", async ({
  page,
  request,
  seeded: { appId, profileId },
}) => {
  await page
    .getByRole("navigation", { name: "Team" })
    .getByRole("link", { name: "API keys" })
    .click();
  await expect(page.getByRole("heading", { name: "API keys", exact: true })).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();

  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Key name").fill("Shipping service");
  await dialog.getByRole("button", { name: "Create API key" }).click();
  await expect(dialog.getByText("Choose at least one app")).toBeVisible();
  await dialog.getByRole("checkbox", { name: "Shipping" }).check();
  await dialog.getByRole("button", { name: "Create API key" }).click();

  const shown = page.getByRole("dialog", { name: "API key created" });
  const key = await shown.getByRole("textbox", { name: "API key" }).inputValue();
  expect(key).toMatch(/^adk_[A-Za-z0-9_-]{43}$/);
  await expect(shown.locator("pre")).toContainText(`Authorization: Bearer ${key}`);
  await expect(shown.locator("pre")).toContainText(
    `/api/v1/apps/${appId}/profiles/${profileId}/token`,
  );
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();

  const row = page.getByRole("row", { name: /Shipping service/ });
  await expect(row).toContainText(key.slice(0, 10));
  await expect(row).toContainText("Shipping");
  await expect(row).toContainText("Never");
  await expect(row).toContainText("Active");
  await expect(page.getByText(key)).toHaveCount(0);

  // The service: no browser session, only the key.
  const url = `/api/v1/apps/${appId}/profiles/${profileId}/token`;
  const auth = { Authorization: `Bearer ${key}` };
  const answer = await request.get(url, { headers: auth });
  expect(answer.status(), await answer.text()).toBe(200);
  expect(answer.headers()["cache-control"]).toBe("no-store");
  const token = await answer.json();
  expect(token.access_token).toEqual(expect.any(String));
  expect(token.access_token.length).toBeGreaterThan(10);
  expect(token.token_type).toMatch(/^bearer$/i);
  expect(Date.parse(token.expires_at)).toBeGreaterThan(Date.now());
  expect(token.fields).toEqual([]);

  // Each call is counted for the key (not written to the audit log one by one). Counts are
  // written once a second per web process, so the page may show the call after a second look.
  await expect(async () => {
    await page.reload();
    await expect(row.getByRole("cell").nth(5)).toHaveText("1", { timeout: 1_000 });
  }).toPass();
  await expect(row).not.toContainText("Never");

  await row.getByRole("button", { name: "Revoke Shipping service" }).click();
  const confirm = page.getByRole("dialog", { name: 'Revoke "Shipping service"?' });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(row).not.toContainText("Never");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  const refused = await request.get(url, { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toBe("unauthorized");
});

test("the new key's curl names its profile, preselects one whose test passed, and can switch", async ({
  page,
  app,
  endpoint,
}) => {
  const common = { identityProviderName: "Test IdP", ...endpoint };
  // First in the alphabet, and failing: the example must not point at it.
  const failingId = await createProfile(page, app, {
    name: "Aardvark API",
    ...common,
    clientSecret: "not-the-secret",
  });
  const passingId = await createProfile(page, app, { name: "Zebra API", ...common });
  await testAndWait(page, app, failingId);
  await testAndWait(page, app, passingId);

  const shown = await createApiKey(page, app.teamId, { name: "Shipping service", app: "Shipping" });
  const choice = shown.getByLabel("Fetch a token of");
  await expect(choice).toHaveValue(passingId);
  await expect(choice).toHaveAccessibleDescription(/Zebra API, whose last test passed/);
  await expect(shown.locator("pre")).toContainText(`/profiles/${passingId}/token`);
  await choice.selectOption({ label: "Aardvark API (last test failed)" });
  await expect(shown.locator("pre")).toContainText(`/profiles/${failingId}/token`);
  await expect(choice).toHaveAccessibleDescription(/Aardvark API; its last test did not pass/);
});
