import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { expectNoSeriousViolations } from "./support/axe.ts";
import { expect, test } from "./support/fixtures.ts";
import { openNewProfileDialog, profileRow } from "./support/profiles.ts";

test.describe.configure({ timeout: 120_000 });

test.use({ account: { person: "Dana Pop", team: "DPoP" }, seed: { app: "Bound apps" } });

let provider: OidcTestProvider | undefined;
test.afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

test("DPoP turned on in the dialog: the Test passes against a DPoP-bound client and shows token type DPoP", async ({
  page,
  app: _,
}) => {
  provider = await startOidcProvider({
    clients: [
      {
        clientId: "bound-client",
        clientSecret: "bound-client-secret-e2e",
        authMethod: "client_secret_basic",
        dpopBound: true,
      },
    ],
    dpopNonce: true,
  });
  const dialog = await openNewProfileDialog(page);
  await dialog.getByLabel("Name", { exact: true }).fill("Bound IdP");
  await dialog.getByLabel("Identity Provider Name").fill("oidc-provider");
  await dialog.getByLabel("Client ID").fill("bound-client");
  await dialog.getByLabel("Client Secret Key", { exact: true }).fill("bound-client-secret-e2e");
  await dialog.getByLabel("Token Request URL").fill(provider.tokenUrl);
  const dpop = dialog.getByRole("checkbox", { name: "DPoP" });
  await expect(dpop).not.toBeChecked();
  await expect(dpop).toHaveAccessibleDescription("Bind tokens to a key Authdeck holds (RFC 9449)");
  await dpop.check();
  await expectNoSeriousViolations(page, "the dialog with DPoP on");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  await profileRow(page, "Bound IdP").getByRole("link", { name: "Bound IdP" }).click();
  await page.getByRole("button", { name: "Test Bound IdP" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  const tokenType = result
    .locator("dt", { hasText: /^Token type$/ })
    .locator("xpath=following-sibling::dd");
  await expect(tokenType).toHaveText("DPoP");
  expect(provider.requests.filter((r) => r.path === "/token").map((r) => r.status)).toEqual([
    400, 200,
  ]);
});
