import { createProfile } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import { fillProfile, openNewProfileDialog, profileRow } from "./support/profiles.ts";

// Long flows on a busy two-core machine: each step waits on a real server, worker and provider.
test.describe.configure({ timeout: 180_000 });

const CLIENT = { clientId: "authdeck-e2e", clientSecret: "right-secret", scope: "read write" };

// A JWT with a made-up signature: the page decodes it and says it was not verified.
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const JWT = `${part({ alg: "RS256", typ: "JWT" })}.${part({ sub: "svc-billing", aud: "billing" })}.c2ln`;

test.use({
  oidc: { client: CLIENT, accessTokenTTL: 600 },
  tokenServerOptions: { accessToken: JWT },
  account: { person: "Tess Tester", team: "Tests" },
  seed: { app: "Token tests" },
});

test("a test against a real provider passes live, without a reload", async ({
  page,
  app: _,
  provider,
  endpoint,
}) => {
  const dialog = await openNewProfileDialog(page);
  await fillProfile(dialog, {
    name: "Local OIDC",
    identityProviderName: "oidc-provider",
    ...endpoint,
  });
  await dialog.getByRole("button", { name: "Add Key/Value pair" }).click();
  await dialog.getByLabel("Key", { exact: true }).fill("scope");
  await dialog.getByLabel("Value", { exact: true }).fill("read");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  // Marks this document: a reload would lose the mark.
  await page.evaluate(() => Object.assign(window, { e2eMark: "same page" }));
  await profileRow(page, "Local OIDC").getByRole("button", { name: "Test Local OIDC" }).click();
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  expect(await page.evaluate(() => (window as { e2eMark?: string }).e2eMark)).toBe("same page");

  await expect(result).toContainText("Token type");
  await expect(result).toContainText("Bearer");
  await expect(result).toContainText(/Expires\s*in \d+m/);
  await expect(result.getByText("read", { exact: true })).toBeVisible();
  await expect(result).toContainText("Fingerprint (SHA-256)");
  await expect(result).toContainText(/Duration\s*\d/);
  const seen = provider.requests.filter((r) => r.path === "/token");
  expect(seen.at(-1)).toMatchObject({ status: 200, clientAuth: "basic", scope: "read" });

  await result.getByRole("link", { name: "Open profile and test history" }).click();
  await expect(page.getByRole("heading", { name: "Local OIDC" })).toBeVisible();
  const history = page.getByRole("table", { name: "Test history" });
  await expect(history.getByRole("row")).toHaveCount(2);
  await expect(history).toContainText("Passed");
  await expect(history).toContainText("Tess Tester");
});

test("a wrong secret fails with the provider's answer; replacing it passes", async ({
  page,
  app,
  provider,
  endpoint,
}) => {
  const profileId = await createProfile(page, app, {
    name: "Wrong secret",
    identityProviderName: "oidc-provider",
    ...endpoint,
    clientSecret: "wrong-secret",
  });
  await page.goto(`/t/${app.teamId}/apps/${app.appId}/profiles/${profileId}`);
  await expect(page.getByText("Not tested yet")).toBeVisible();

  await page.getByRole("button", { name: "Test Wrong secret" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Failed")).toBeVisible();
  await expect(result).toContainText("oauth_error");
  await expect(result).toContainText("invalid_client");

  // A failure opens on Response, where the provider's own error is.
  const tabs = result.getByRole("tablist");
  await expect(tabs.getByRole("tab", { name: "Response" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await expect(result.getByRole("tabpanel")).toContainText("HTTP 401");
  await expect(result.getByRole("tabpanel")).toContainText('"error": "invalid_client"');
  await tabs.getByRole("tab", { name: "Headers" }).click();
  await expect(result.getByRole("tabpanel")).toContainText("HTTP 401");
  await expect(result.getByRole("tabpanel")).toContainText(/content-type:\s*application\/json/);
  await tabs.getByRole("tab", { name: "Request" }).click();
  await expect(result.getByRole("tabpanel")).toContainText(`POST ${provider.tokenUrl}`);
  await expect(result.getByRole("tabpanel")).toContainText("Authorization: Basic ********");
  await expect(result.getByRole("tabpanel")).not.toContainText("wrong-secret");

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await edit.getByRole("button", { name: "Replace Client Secret Key" }).click();
  await edit.getByLabel("Client Secret Key", { exact: true }).fill(CLIENT.clientSecret);
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();

  await page.getByRole("button", { name: "Test Wrong secret" }).click();
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  const history = page.getByRole("table", { name: "Test history" });
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history.getByRole("row").nth(1)).toContainText("Passed");
  await expect(history.getByRole("row").nth(2)).toContainText("Failed");
});

test("with tenancy on, Test asks for the tenant and the request carries it", async ({
  page,
  app,
  tokens: tokenServer,
}) => {
  await createProfile(page, app, {
    name: "Per tenant",
    identityProviderName: "Recording server",
    clientId: "tenant-client",
    clientSecret: "tenant-secret",
    tokenRequestUrl: tokenServer.urlFor("ok", "/{tenant}/token"),
    tenancyEnabled: true,
  });
  await page.reload();

  await profileRow(page, "Per tenant").getByRole("button", { name: "Test Per tenant" }).click();
  const dialog = page.getByRole("dialog", { name: "Test Authorization" });
  const tenant = dialog.getByLabel("Tenant");
  await expect(tenant).toBeVisible();
  await tenant.fill("not a tenant!");
  await dialog.getByRole("button", { name: "Test", exact: true }).click();
  await expect(tenant).toHaveAccessibleDescription(
    "A tenant is 1-100 letters, digits, '.', '_' or '-'",
  );

  await tenant.fill("acme-eu");
  await dialog.getByRole("button", { name: "Test", exact: true }).click();
  await expect(dialog.getByText("Auth Test Passed")).toBeVisible();
  await expect(dialog).toContainText(/Tenant\s*acme-eu/);
  const jwt = dialog.getByRole("region", { name: "Decoded JWT" });
  await expect(jwt).toContainText("decoded, not verified");
  await expect(jwt).toContainText('sub: "svc-billing"');
  await expect(dialog).not.toContainText(JWT);
  const received = tokenServer.requests.map((request) => request.url);
  expect(received).toContain("/ok/acme-eu/token");
  const last = tokenServer.requests.at(-1)!;
  expect(last.headers.authorization).toBe(
    `Basic ${Buffer.from("tenant-client:tenant-secret").toString("base64")}`,
  );

  // The next Test offers the tenant used before, one press away.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await profileRow(page, "Per tenant").getByRole("button", { name: "Test Per tenant" }).click();
  const recent = dialog.getByRole("group", { name: "Recently used" });
  await recent.getByRole("button", { name: "acme-eu" }).click();
  await expect(tenant).toHaveValue("acme-eu");
  await dialog.getByRole("button", { name: "Test", exact: true }).click();
  await expect(dialog.getByText("Auth Test Passed")).toBeVisible();
});
