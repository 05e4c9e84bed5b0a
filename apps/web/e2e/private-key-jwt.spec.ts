import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { createProfile } from "./support/apps.ts";
import { expectNoSeriousViolations, expectVisibleLabels } from "./support/axe.ts";
import { expect, test } from "./support/fixtures.ts";
import { openNewProfileDialog, profileRow } from "./support/profiles.ts";

// A real provider fetching the JWKS from this e2e server: each step waits on real servers.
test.describe.configure({ timeout: 180_000 });

test.use({ account: { person: "Kim Keys", team: "Keys" }, seed: { app: "Key apps" } });

let provider: OidcTestProvider | undefined;

/** A loopback port free right now, for a server started after the profile names it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
test.afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

test("a private_key_jwt profile: its JWKS URL is copied, the provider fetches it, the test passes", async ({
  page,
  app: _,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const dialog = await openNewProfileDialog(page);
  await dialog.getByLabel("Name", { exact: true }).fill("Key IdP");
  await dialog.getByLabel("Identity Provider Name").fill("oidc-provider");
  await dialog.getByLabel("Client ID").fill("key-client");
  // The provider starts once the JWKS URL is known, on the port the profile was saved with: a
  // Token Request URL moved to another origin later would get a new key and JWKS URL.
  const port = await freePort();
  await dialog.getByLabel("Token Request URL").fill(`http://127.0.0.1:${port}/token`);
  await dialog.getByLabel("Signed JWT with a private key (private_key_jwt)").check();
  // No client secret for private_key_jwt; the key is generated on save.
  await expect(dialog.getByLabel("Client Secret Key", { exact: true })).toHaveCount(0);
  await expect(dialog.getByLabel("Signing algorithm")).toHaveValue("ES256");
  await expect(dialog.getByLabel("Assertion lifetime (seconds)")).toHaveValue("60");
  await expectNoSeriousViolations(page, "the dialog with private_key_jwt");
  await expectVisibleLabels(page, "the dialog with private_key_jwt");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  await profileRow(page, "Key IdP").getByRole("link", { name: "Key IdP" }).click();
  await expect(page.getByRole("heading", { name: "Key IdP" })).toBeVisible();
  const jwksField = page.getByRole("textbox", { name: "JWKS URL" });
  await expect(jwksField).toHaveValue(/\/api\/jwks\/[\w-]{22}$/);
  const jwksUrl = await jwksField.inputValue();
  await expect(page.getByRole("button", { name: "Copy JWKS", exact: true })).toBeVisible();
  // The "Profile created" toast is the toaster's own (checked elsewhere): axe looks at the page.
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
  await expectNoSeriousViolations(page, "the private_key_jwt profile page");
  await page.getByRole("button", { name: "Copy JWKS URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(jwksUrl);
  await page.getByRole("button", { name: "Copy JWKS", exact: true }).click();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied.keys).toEqual([expect.objectContaining({ kty: "EC", crv: "P-256", alg: "ES256" })]);
  expect(copied.keys[0]).not.toHaveProperty("d");

  // Unauthenticated, as a provider fetches it; an unknown id is not found.
  const anonymous = await page.request.fetch(jwksUrl, { headers: { cookie: "" } });
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.json()).toEqual(copied);
  expect((await page.request.get(jwksUrl.replace(/[\w-]{22}$/, "A".repeat(22)))).status()).toBe(
    404,
  );

  provider = await startOidcProvider({
    port,
    clients: [
      { clientId: "key-client", clientSecret: "", authMethod: "private_key_jwt", jwksUri: jwksUrl },
    ],
  });
  expect(provider.tokenUrl).toBe(`http://127.0.0.1:${port}/token`);

  await page.getByRole("button", { name: "Test Key IdP" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  expect(provider.requests.filter((r) => r.path === "/token").at(-1)).toMatchObject({
    status: 200,
    clientAuth: "assertion",
  });

  // Moving the Token Request URL to another host would replace the key and the JWKS URL: the
  // dialog says so before anything is saved, and not for a move on the same host.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  const moving = edit
    .getByRole("note")
    .filter({ hasText: "generates a new key and a new JWKS URL" });
  await edit.getByLabel("Token Request URL").fill(`http://127.0.0.1:${port}/oauth/token`);
  await expect(moving).toHaveCount(0);
  await edit.getByLabel("Token Request URL").fill(`http://localhost:${port}/token`);
  await expect(moving).toBeVisible();
  await expectNoSeriousViolations(page, "the dialog warning of a new key");
});

test("rotating a private_key_jwt key: add next key → both in the JWKS → test with next → switch → retire", async ({
  page,
  app: _,
}) => {
  const dialog = await openNewProfileDialog(page);
  await dialog.getByLabel("Name", { exact: true }).fill("Rotating IdP");
  await dialog.getByLabel("Identity Provider Name").fill("oidc-provider");
  await dialog.getByLabel("Client ID").fill("rotating-client");
  const port = await freePort();
  await dialog.getByLabel("Token Request URL").fill(`http://127.0.0.1:${port}/token`);
  await dialog.getByLabel("Signed JWT with a private key (private_key_jwt)").check();
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  await profileRow(page, "Rotating IdP").getByRole("link", { name: "Rotating IdP" }).click();

  const keys = page.getByRole("region", { name: "Signing keys" });
  const jwksUrl = await page.getByRole("textbox", { name: "JWKS URL" }).inputValue();
  const published = async () =>
    ((await (await page.request.get(jwksUrl)).json()) as { keys: Array<{ kid: string }> }).keys.map(
      (k) => k.kid,
    );
  const kidOf = async (role: string) =>
    (await keys.locator(`tr[data-role="${role}"] td`).nth(1).textContent()) ?? "";
  await expect(keys.locator("tbody tr")).toHaveCount(1);
  const first = await kidOf("current");

  await keys.getByRole("button", { name: "Add next key" }).click();
  await expect(keys.locator('tr[data-role="next"]')).toBeVisible();
  const next = await kidOf("next");
  expect(await published()).toEqual([first, next]);
  await expectNoSeriousViolations(page, "the signing keys with a next key");

  // Switching before a passing Test with the next key is refused, in words.
  await keys.getByRole("button", { name: "Switch to next key" }).click();
  await expect(keys.getByRole("alert")).toContainText('Run "Test with next key" first');

  // The provider's first look at the JWKS finds both keys.
  provider = await startOidcProvider({
    port,
    clients: [
      {
        clientId: "rotating-client",
        clientSecret: "",
        authMethod: "private_key_jwt",
        jwksUri: jwksUrl,
      },
    ],
  });
  await keys.getByRole("button", { name: "Test with next key" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  await expect(result.getByText(next)).toBeVisible();

  await keys.getByRole("button", { name: "Switch to next key" }).click();
  await expect(keys.locator('tr[data-role="previous"]')).toBeVisible();
  expect([await kidOf("current"), await kidOf("previous")]).toEqual([next, first]);
  expect(await published()).toEqual([next, first]);

  await keys.getByRole("button", { name: "Retire previous key" }).click();
  await expect(keys.locator('tr[data-role="previous"]')).toHaveCount(0);
  expect(await published()).toEqual([next]);

  await page.getByRole("button", { name: "Test Rotating IdP" }).click();
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
});

test("with tenancy on, the test with the next key asks for the tenant and signs with that key", async ({
  page,
  app,
  tokens: tokenServer,
}) => {
  const id = await createProfile(page, app, {
    name: "Tenant keys",
    identityProviderName: "Recording server",
    clientId: "tenant-key-client",
    clientSecret: "",
    tokenRequestUrl: tokenServer.urlFor("ok", "/{tenant}/token"),
    tenancyEnabled: true,
    clientAuthMethod: "private_key_jwt",
  });
  await page.goto(`/t/${app.teamId}/apps/${app.appId}/profiles/${id}`);
  const keys = page.getByRole("region", { name: "Signing keys" });
  await keys.getByRole("button", { name: "Add next key" }).click();
  await expect(keys.locator('tr[data-role="next"]')).toBeVisible();
  const next = (await keys.locator('tr[data-role="next"] td').nth(1).textContent()) ?? "";

  const tenant = keys.getByLabel("Tenant for the test with the next key");
  await keys.getByRole("button", { name: "Test with next key" }).click();
  await expect(tenant).toHaveAccessibleDescription("Enter the tenant to test with");
  await tenant.fill("acme-eu");
  await keys.getByRole("button", { name: "Test with next key" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  await expect(result).toContainText(/Tenant\s*acme-eu/);
  const last = tokenServer.requests.at(-1)!;
  expect(last.url).toBe("/ok/acme-eu/token");
  const assertion = new URLSearchParams(last.body).get("client_assertion") ?? "";
  const header = JSON.parse(Buffer.from(assertion.split(".")[0]!, "base64url").toString());
  expect(header.kid).toBe(next);
  await expectNoSeriousViolations(page, "the signing keys asking for a tenant");
});
