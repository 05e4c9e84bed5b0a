import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
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
  const dialog = await openNewProfileDialog(page);
  await dialog.getByLabel("Name", { exact: true }).fill("Discovered IdP");
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
  await expectNoSeriousViolations(page, "the dialog with the provider's metadata");
  // No refresh after the revocation: what is inspected is the revoked token.
  await dialog.getByRole("switch", { name: "Auto-refresh" }).click();
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  await profileRow(page, "Discovered IdP").getByRole("link", { name: "Discovered IdP" }).click();
  // The profile page shows what was saved of the metadata.
  await expect(page.getByText(`${provider.url}/token/revocation`)).toBeVisible();
  await expect(page.getByText(`${provider.url}/token/introspection`)).toBeVisible();
  await page.getByRole("button", { name: "Test Discovered IdP" }).click();
  await expect(
    page.getByRole("region", { name: "Test result" }).getByText("Auth Test Passed"),
  ).toBeVisible();

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
