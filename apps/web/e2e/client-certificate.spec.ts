import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { issueCertificate, makeCertificateAuthority } from "@authdeck/test-support/certificates";
import { expectNoSeriousViolations, expectVisibleLabels } from "./support/axe.ts";
import { expect, test } from "./support/fixtures.ts";
import { openAdvanced, openNewProfileDialog, profileRow } from "./support/profiles.ts";

// A real provider behind https asking for a client certificate: each step waits on real servers.
test.describe.configure({ timeout: 180_000 });

test.use({ account: { person: "Mia Mutual", team: "Mutual" }, seed: { app: "Certificate apps" } });

let provider: OidcTestProvider | undefined;

test.afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

test("a tls_client_auth profile: certificate and key pasted, subject and expiry shown, the test passes", async ({
  page,
  app: _,
}) => {
  // The provider's own certificate comes from a private CA: the profile's CA bundle trusts it.
  const providerCa = await makeCertificateAuthority("Mutual provider CA");
  const server = await issueCertificate({
    commonName: "127.0.0.1",
    issuer: providerCa,
    hosts: ["127.0.0.1"],
  });
  const clientCa = await makeCertificateAuthority("Mutual client CA");
  const client = await issueCertificate({ commonName: "billing-e2e", issuer: clientCa });
  provider = await startOidcProvider({
    clients: [
      {
        clientId: "mtls-client",
        clientSecret: "",
        authMethod: "tls_client_auth",
        tlsSubjectDn: "CN=billing-e2e",
      },
    ],
    tls: { cert: server.cert, key: server.key, clientCa: clientCa.cert },
  });

  const dialog = await openNewProfileDialog(page);
  await dialog.getByLabel("Name", { exact: true }).fill("Mutual IdP");
  await dialog.getByLabel("Identity Provider Name").fill("oidc-provider");
  await dialog.getByLabel("Client ID").fill("mtls-client");
  await dialog.getByLabel("Token Request URL").fill(provider.tokenUrl);
  await dialog.getByLabel("Client certificate from a CA (tls_client_auth)").check();
  // No client secret for the certificate methods.
  await expect(dialog.getByLabel("Client Secret Key", { exact: true })).toHaveCount(0);
  await dialog.getByLabel("Certificate", { exact: true }).fill(client.cert);
  // Described by the server as soon as it is pasted, before anything is saved.
  const pasted = dialog.getByRole("definition").filter({ hasText: "CN=billing-e2e" });
  await expect(pasted).toBeVisible();
  await expect(
    dialog.getByRole("definition").filter({ hasText: "CN=Mutual client CA" }),
  ).toBeVisible();
  await expect(dialog.getByRole("definition").locator("time")).toHaveAttribute(
    "datetime",
    /^\d{4}-/,
  );
  await dialog.getByLabel("Certificate private key").fill(client.key);
  await openAdvanced(dialog);
  await dialog.getByLabel("CA bundle").fill(providerCa.cert);
  await expectNoSeriousViolations(page, "the dialog with tls_client_auth");
  await expectVisibleLabels(page, "the dialog with tls_client_auth");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  await profileRow(page, "Mutual IdP").getByRole("link", { name: "Mutual IdP" }).click();
  await expect(page.getByRole("heading", { name: "Mutual IdP" })).toBeVisible();
  await expect(page.getByText("Subject: CN=billing-e2e")).toBeVisible();
  await expect(page.getByText("Issuer: CN=Mutual client CA")).toBeVisible();
  await expect(page.getByText(/^Expires: /)).toBeVisible();
  await expect(page.getByText("Stored", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Test Mutual IdP" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  expect(provider.requests.filter((r) => r.path === "/token").at(-1)).toMatchObject({
    status: 200,
    clientAuth: "certificate",
  });

  // Edit: the certificate is shown by subject and expiry, its key only as stored.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog");
  const saved = edit.getByRole("definition").filter({ hasText: "CN=billing-e2e" });
  await expect(saved).toBeVisible();
  await expect(edit.getByRole("textbox", { name: "Certificate private key" })).toHaveValue(
    "Stored",
  );
  await expect(edit.getByText(client.key.split("\n")[1] ?? "")).toHaveCount(0);
});
