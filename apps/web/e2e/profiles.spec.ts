import { readFile } from "node:fs/promises";
import type { Locator } from "@playwright/test";
import { trpcMutation } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import {
  addAuthorizationField,
  createAppAndOpenProfiles,
  fillAuthorizationField,
  openAdvanced,
  profileRow,
} from "./support/profiles.ts";

// Long flows on a busy two-core machine: each step waits on a real server, worker and provider.
test.describe.configure({ timeout: 180_000 });

const description = (dialog: Locator, label: string, message: string) =>
  expect(dialog.getByLabel(label, { exact: true })).toHaveAccessibleDescription(message);

test("a profile is created through the dialog, each problem shown at its field", async ({
  page,
  app: _,
}) => {
  await expect(page.getByText("No authorization profiles yet")).toBeVisible();
  await page.getByRole("button", { name: "New", exact: true }).first().click();

  const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
  await expect(dialog.getByLabel("Authorization Type")).toHaveValue("oauth2_client_credentials");
  await expect(dialog.getByLabel("Authorization Type")).toContainText(
    "oauth v2 client credentials",
  );
  await expect(dialog.getByLabel("Send as Basic Auth header")).toBeChecked();
  await expect(dialog.getByRole("switch", { name: "Tenancy" })).not.toBeChecked();
  await expect(dialog.getByLabel("Client Secret Key", { exact: true })).toHaveAttribute(
    "type",
    "password",
  );

  // Save with nothing filled: each required field says so.
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await description(dialog, "Name", "Name is required");
  await description(dialog, "Identity Provider Name", "Identity Provider Name is required");
  await description(dialog, "Token Request URL", "Token Request URL is required");

  await dialog.getByLabel("Name", { exact: true }).fill("Acme Billing");
  await dialog.getByLabel("Identity Provider Name").fill("Acme");
  await description(
    dialog,
    "Name",
    "How this profile is listed, e.g. Billing API (production); unique in the app.",
  );

  await dialog.getByLabel("Client ID").fill("x".repeat(256));
  await description(dialog, "Client ID", "Client ID must be at most 255 characters");
  await dialog.getByLabel("Client ID").fill("billing-client");
  await dialog.getByLabel("Client Secret Key", { exact: true }).fill("s3cret-value");

  const tokenUrl = dialog.getByLabel("Token Request URL");
  await tokenUrl.fill("ftp://auth.example.com/token");
  await description(
    dialog,
    "Token Request URL",
    "Token Request URL must start with http:// or https://",
  );
  await tokenUrl.fill("https://auth.example.com/{tenant}/token");
  await description(dialog, "Token Request URL", "{tenant} needs tenancy turned on");
  await tokenUrl.fill("https://auth.example.com/oauth/token");

  // An invalid header name is refused in the small form itself.
  await openAdvanced(dialog);
  await dialog.getByRole("button", { name: "+ Add Authorization Field" }).click();
  await fillAuthorizationField(dialog, { type: "Header", key: "X Bad", value: "1" });
  await dialog.getByRole("button", { name: "Done" }).click();
  await description(dialog, "Field Key", "Not a valid HTTP header name");
  await dialog.getByLabel("Field Key").fill("X-Api-Version");
  await dialog.getByLabel("Field Value").fill("2024-01");
  await dialog.getByRole("button", { name: "Done" }).click();

  await addAuthorizationField(dialog, {
    type: "Payload",
    key: "audience",
    value: "https://api.acme.test",
  });
  await addAuthorizationField(dialog, { type: "Query String", key: "resource", value: "billing" });
  await addAuthorizationField(dialog, { type: "Path Param", key: "region", value: "eu" });
  const regionRow = dialog.getByRole("listitem", { name: "Path Param region", exact: true });
  await expect(regionRow).toContainText(
    "Add {region} to the Token Request URL, where this value goes",
  );
  await addAuthorizationField(dialog, { type: "Header", key: "x-api-version", value: "2" });
  const duplicate = dialog.getByRole("listitem", { name: "Header x-api-version", exact: true });
  await expect(duplicate).toContainText("Another Header field already has this key");
  await duplicate.getByRole("button", { name: "Remove Header x-api-version" }).click();
  await expect(duplicate).toHaveCount(0);

  await tokenUrl.fill("https://auth.example.com/{region}/oauth/token");
  await expect(regionRow).not.toContainText("Add {region}");
  await addAuthorizationField(dialog, {
    type: "Header",
    key: "X-Signing-Key",
    value: "sign-me",
    secret: true,
  });
  await expect(
    dialog.getByRole("listitem", { name: "Header X-Signing-Key", exact: true }),
  ).toContainText("secret");
  await expect(
    dialog.getByRole("listitem", { name: "Header X-Signing-Key", exact: true }),
  ).not.toContainText("sign-me");

  await dialog.getByRole("button", { name: "Add Key/Value pair" }).click();
  await dialog.getByLabel("Key", { exact: true }).nth(0).fill("scope");
  await dialog.getByLabel("Value", { exact: true }).nth(0).fill("read write");
  await dialog.getByRole("button", { name: "Add Key/Value pair" }).click();
  await dialog.getByLabel("Key", { exact: true }).nth(1).fill("tenant_hint");
  await dialog.getByLabel("Value", { exact: true }).nth(1).fill("billing");
  await dialog.getByLabel("Refresh Token URL").fill("https://auth.example.com/oauth/refresh");
  await dialog.getByLabel("Description").fill("Tokens for the billing service");

  // The preview is what the request builder makes, secrets masked.
  await dialog.getByRole("button", { name: "Preview request" }).click();
  const preview = dialog.getByRole("region", { name: "Previewed request" });
  await expect(preview).toContainText(
    "POST https://auth.example.com/eu/oauth/token?resource=billing",
  );
  await expect(preview).toContainText("Authorization: Basic ********");
  await expect(preview).toContainText("X-Api-Version: 2024-01");
  await expect(preview).toContainText("X-Signing-Key: ********");
  await expect(preview).toContainText(
    "grant_type=client_credentials&scope=read+write&tenant_hint=billing&audience=https%3A%2F%2Fapi.acme.test",
  );
  await expect(preview).toContainText("curl -X POST 'https://auth.example.com/eu/oauth/token");
  await expect(preview).not.toContainText("s3cret-value");
  await expect(preview).not.toContainText("sign-me");

  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Profile "Acme Billing" created')).toBeVisible();
  const row = profileRow(page, "Acme Billing");
  // One Authorization Type in the list: no column repeating it on every row.
  await expect(row).not.toContainText("oauth v2 client credentials");
  await expect(
    page
      .getByRole("table", { name: "Authorization profiles" })
      .getByRole("columnheader", { name: /Authorization Type/ }),
  ).toHaveCount(0);
  await expect(row).toContainText("Acme");
  await expect(row).toContainText("auth.example.com");
  await expect(row).toContainText("Never tested");

  // Everything came back as saved, secrets as "saved" only.
  await row.getByRole("button", { name: "Edit Acme Billing" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await expect(edit.getByLabel("Client Secret Key", { exact: true })).toHaveValue("Saved");
  await expect(edit.getByLabel("Token Request URL")).toHaveValue(
    "https://auth.example.com/{region}/oauth/token",
  );
  await expect(edit.getByLabel("Refresh Token URL")).toHaveValue(
    "https://auth.example.com/oauth/refresh",
  );
  await expect(edit.getByLabel("Description")).toHaveValue("Tokens for the billing service");
  await expect(edit.getByLabel("Value", { exact: true }).nth(0)).toHaveValue("read write");
  for (const name of [
    "Header X-Api-Version",
    "Payload audience",
    "Query String resource",
    "Path Param region",
  ]) {
    await expect(edit.getByRole("listitem", { name, exact: true })).toBeVisible();
  }
  const signing = edit.getByRole("listitem", { name: "Header X-Signing-Key", exact: true });
  await expect(signing).toContainText("saved");
  await expect(
    signing.getByRole("button", { name: "Replace Header X-Signing-Key value" }),
  ).toBeVisible();
  await expect(edit).not.toContainText("s3cret-value");
});

const profileInput = (name: string) => ({
  name,
  identityProviderName: "Acme",
  clientId: "client-1",
  clientSecret: "first-secret",
  tokenRequestUrl: "https://auth.example.com/oauth/token",
  fields: [{ type: "header", key: "X-Key", value: "k-1", secret: true }],
});

test("edit, replace the secret, a stale edit conflicts, then delete", async ({
  page,
  context,
  app: { teamId, appId },
}) => {
  await trpcMutation(page, "profile.create", { teamId, appId, profile: profileInput("Orders") });
  await page.reload();

  const row = profileRow(page, "Orders");
  await row.getByRole("button", { name: "Edit Orders" }).click();
  let edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await expect(edit.getByLabel("Client Secret Key", { exact: true })).toHaveValue("Saved");
  await edit.getByRole("button", { name: "Replace Client Secret Key" }).click();
  await expect(edit.getByLabel("Client Secret Key", { exact: true })).toHaveValue("");
  await expect(edit.getByLabel("Client Secret Key", { exact: true })).toHaveAttribute(
    "type",
    "password",
  );
  await edit.getByLabel("Client Secret Key", { exact: true }).fill("second-secret");
  await edit
    .getByRole("listitem", { name: "Header X-Key", exact: true })
    .getByRole("button", { name: "Replace Header X-Key value" })
    .click();
  await edit.getByLabel("Field Value").fill("k-2");
  await edit.getByRole("button", { name: "Done" }).click();
  await edit.getByLabel("Identity Provider Name").fill("Acme Identity");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('Profile "Orders" saved')).toBeVisible();
  await expect(row).toContainText("Acme Identity");

  // The audit log saw the secret replaced, and never the secret itself.
  await page.goto(`/t/${teamId}/audit`);
  await expect(page.getByText("[replaced]").first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText("second-secret");
  await page.goBack();

  // Two editors start from the same version; the second save is refused and keeps its form.
  const other = await context.newPage();
  await other.goto(page.url());
  await profileRow(other, "Orders").getByRole("button", { name: "Edit Orders" }).click();
  const otherEdit = other.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await expect(otherEdit.getByLabel("Name", { exact: true })).toHaveValue("Orders");

  await profileRow(page, "Orders").getByRole("button", { name: "Edit Orders" }).click();
  edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await openAdvanced(edit);
  await edit.getByLabel("Description").fill("Saved first");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();

  await openAdvanced(otherEdit);
  await otherEdit.getByLabel("Description").fill("Saved second");
  await otherEdit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(otherEdit.getByRole("alert")).toContainText(
    "Someone else saved this profile after you opened it",
  );
  await expect(otherEdit).toBeVisible();
  await expect(otherEdit.getByLabel("Description")).toHaveValue("Saved second");
  await otherEdit.getByRole("button", { name: "Discard mine and load theirs" }).click();
  await expect(otherEdit.getByLabel("Description")).toHaveValue("Saved first");
  await other.close();

  await profileRow(page, "Orders").getByRole("button", { name: "More actions for Orders" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: 'Delete "Orders"?' });
  await confirm.getByRole("button", { name: "Delete profile" }).click();
  await expect(page.getByText('Profile "Orders" deleted')).toBeVisible();
  await expect(page.getByText("No authorization profiles yet")).toBeVisible();
});

test("search, sort, duplicate, export and import", async ({ page, app: { teamId, appId } }) => {
  for (const name of ["Alpha", "Bravo", "Charlie"]) {
    await trpcMutation(page, "profile.create", { teamId, appId, profile: profileInput(name) });
  }
  await page.reload();
  const table = page.getByRole("table", { name: "Authorization profiles" });
  const names = () => table.getByRole("row").locator("td:first-child a").allTextContents();
  await expect.poll(names).toEqual(["Alpha", "Bravo", "Charlie"]);

  await table.getByRole("button", { name: "Name", exact: true }).click();
  await expect.poll(names).toEqual(["Charlie", "Bravo", "Alpha"]);

  await page.getByLabel("Search").fill("brav");
  await expect.poll(names).toEqual(["Bravo"]);
  await page.getByLabel("Search").fill("nothing like it");
  await expect(page.getByText('No profiles match "nothing like it"')).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).click();

  await profileRow(page, "Alpha").getByRole("button", { name: "More actions for Alpha" }).click();
  await page.getByRole("menuitem", { name: "Duplicate" }).click();
  await expect(page.getByText('Duplicated as "Alpha (copy)"')).toBeVisible();
  await expect(profileRow(page, "Alpha (copy)")).toContainText("Incomplete");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, "utf8"));
  expect(exported.profiles.map((p: { name: string }) => p.name)).toEqual([
    "Alpha",
    "Alpha (copy)",
    "Bravo",
    "Charlie",
  ]);
  expect(JSON.stringify(exported)).not.toContain("first-secret");

  // Into the same app every name clashes: nothing is imported, and each reason is listed.
  await page.getByTestId("import-file").setInputFiles(file);
  const problems = page.getByRole("dialog", { name: "Nothing was imported" });
  await expect(problems).toContainText("Alpha: a profile with this name already exists");
  await expect(problems).toContainText("Charlie: a profile with this name already exists");
  await problems.getByRole("button", { name: "Close" }).first().click();

  await createAppAndOpenProfiles(page, teamId, "Target app");
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByText("Imported 4 profiles")).toBeVisible();
  await expect(profileRow(page, "Bravo")).toContainText("Incomplete");
});

test("a viewer reads profiles and their tests, with no button that changes them", async ({
  page,
  app: { teamId, appId },
  memberOf,
}) => {
  await trpcMutation(page, "profile.create", { teamId, appId, profile: profileInput("Shared") });
  const viewer = await memberOf(page, teamId, "viewer", "Vic Viewer");
  await viewer.goto(`/t/${teamId}/apps/${appId}/profiles`);
  const row = profileRow(viewer, "Shared");
  await expect(row).toContainText("Acme");
  await expect(viewer.getByRole("button", { name: "Export" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "New", exact: true })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Import" })).toHaveCount(0);
  await expect(row.getByRole("button")).toHaveCount(0);

  await row.getByRole("link", { name: "Shared" }).click();
  await expect(viewer.getByRole("heading", { name: "Shared", exact: true })).toBeVisible();
  await expect(viewer.getByText("Not tested yet")).toBeVisible();
  for (const name of ["Test Shared", "Edit", "Delete"]) {
    await expect(viewer.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
});
