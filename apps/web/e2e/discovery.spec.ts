import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { expect, test } from "./support/fixtures.ts";
import { openNewProfileDialog, profileRow } from "./support/profiles.ts";
import { openTokenDetails } from "./support/tokens-page.ts";

// A real provider (oidc-provider) with its revocation and introspection endpoints turned on.
test.describe.configure({ timeout: 120_000 });

test.use({ account: { person: "Dana Discovery", team: "Discovery" }, seed: { app: "Metadata" } });

const CLIENT = { clientId: "discovery-e2e", clientSecret: "discovery-e2e-secret-51c9" };

let provider: OidcTestProvider | undefined;
test.afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

test("Fetch metadata fills the Token Request URL; a revoked token is inspected as not active", async ({
  page,
  app: { teamId, appId },
}) => {
  provider = await startOidcProvider({
    clients: [{ ...CLIENT, authMethod: "client_secret_basic" }],
    introspection: true,
  });
  await discoveredProfile(page, "Discovered IdP", provider, { scan: true });

  await page.goto(`/t/${teamId}/apps/${appId}/tokens`);
  const details = await openTokenDetails(page, "Discovered IdP");
  await details.getByRole("button", { name: "Inspect token" }).click();
  const inspected = details.getByLabel("As the provider sees the token");
  await expect(inspected).toContainText("active:true");
  await expect(inspected).toContainText(`client_id:${CLIENT.clientId}`);

  // Revoking asks first: services using the token get errors until a new one is fetched.
  await details.getByRole("button", { name: "Revoke token" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke token?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect(provider.requests.filter((r) => r.path === "/token/revocation")).toEqual([]);
  await details.getByRole("button", { name: "Revoke token" }).click();
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByText('The provider revoked the token of "Discovered IdP"')).toBeVisible();
  await details.getByRole("button", { name: "Inspect token" }).click();
  await expect(inspected).toContainText("active:false");
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
  await expectNoSeriousViolations(page, "the Tokens page with an inspected token");
  const revocations = provider.requests.filter((r) => r.path === "/token/revocation");
  expect(revocations).toEqual([expect.objectContaining({ status: 200, clientAuth: "basic" })]);
});

test("a replaced secret's tokens and a deleted profile's tokens are revoked at the provider when asked", async ({
  page,
  app: { teamId, appId },
}) => {
  // Three saves, two Tests and two accessibility scans: slower than one Test.
  test.slow();
  provider = await startOidcProvider({
    clients: [{ ...CLIENT, authMethod: "client_secret_basic" }],
    introspection: true,
  });
  const revocations = () =>
    (provider?.requests ?? []).filter((r) => r.path === "/token/revocation");
  await discoveredProfile(page, "Rotated IdP", provider, { scan: false });

  // Replacing the secret offers to revoke what the old one obtained; left unticked, nothing is.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  const revokeOld = edit.getByRole("checkbox", {
    name: "Revoke tokens obtained with the old secret",
  });
  await expect(revokeOld).toBeHidden();
  await edit.getByRole("button", { name: "Replace Client Secret Key" }).click();
  await edit.getByLabel("Client Secret Key", { exact: true }).fill(CLIENT.clientSecret);
  await expect(revokeOld).not.toBeChecked();
  await revokeOld.check();
  await expectNoSeriousViolations(page, "the dialog offering to revoke old tokens");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText("1 token revoked at the provider")).toBeVisible();
  expect(revocations()).toEqual([expect.objectContaining({ status: 200, clientAuth: "basic" })]);

  // A new token, then Delete: revoking first is offered, ticked, and done before the delete.
  await page.getByRole("button", { name: "Test Rotated IdP" }).click();
  await expect(
    page.getByRole("region", { name: "Test result" }).getByText("Auth Test Passed"),
  ).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: 'Delete "Rotated IdP"?' });
  await expect(
    confirm.getByRole("checkbox", { name: "Revoke its tokens at the provider first" }),
  ).toBeChecked();
  await expectNoSeriousViolations(page, "the delete dialog offering to revoke");
  await confirm.getByRole("button", { name: "Delete profile" }).click();
  await expect(page.getByText('Profile "Rotated IdP" deleted')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/t/${teamId}/apps/${appId}/profiles$`));
  expect(revocations()).toHaveLength(2);
  expect(revocations()[1]).toMatchObject({ status: 200 });
});

/** A profile made with the provider's metadata (auto-refresh off), opened and tested once. */
async function discoveredProfile(
  page: Page,
  name: string,
  provider: OidcTestProvider,
  { scan }: { scan: boolean },
) {
  const dialog = await openNewProfileDialog(page);
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Identity Provider Name").fill("oidc-provider");
  await dialog.getByLabel("Client ID").fill(CLIENT.clientId);
  await dialog.getByLabel("Client Secret Key", { exact: true }).fill(CLIENT.clientSecret);
  await dialog.getByLabel("Issuer", { exact: true }).fill(provider.url);
  await dialog.getByRole("button", { name: "Fetch metadata" }).click();
  await expect(dialog.getByLabel("Token Request URL")).toHaveValue(provider.tokenUrl);
  const metadata = dialog.getByRole("definition");
  await expect(metadata.filter({ hasText: `${provider.url}/token/revocation` })).toBeVisible();
  await expect(metadata.filter({ hasText: `${provider.url}/token/introspection` })).toBeVisible();
  await expect(metadata.filter({ hasText: "client_secret_basic" })).toBeVisible();
  if (scan) await expectNoSeriousViolations(page, "the dialog with the provider's metadata");
  // No refresh after the revocation: what is inspected is the revoked token.
  await dialog.getByRole("switch", { name: "Auto-refresh" }).click();
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  await profileRow(page, name).getByRole("link", { name: name }).click();
  // The profile page shows what was saved of the metadata.
  await expect(page.getByText(`${provider.url}/token/revocation`)).toBeVisible();
  await expect(page.getByText(`${provider.url}/token/introspection`)).toBeVisible();
  await page.getByRole("button", { name: `Test ${name}` }).click();
  await expect(
    page.getByRole("region", { name: "Test result" }).getByText("Auth Test Passed"),
  ).toBeVisible();
}
