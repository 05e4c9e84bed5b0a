import type { Locator, Page } from "@playwright/test";
import { trpcMutation, trpcQuery } from "./support/apps.ts";
import { expectNoSeriousViolations, expectVisibleLabels } from "./support/axe.ts";
import { expect, test } from "./support/fixtures.ts";
import { fillProfile, openAdvanced, openNewProfileDialog, profileRow } from "./support/profiles.ts";

// Each step waits on a real server on a busy two-core machine.
test.describe.configure({ timeout: 180_000 });

type Ref = { teamId: string; appId: string };
type ApiCallSettings = {
  apiBaseUrl: string;
  tokenPlacement: string;
  tokenParameterName: string;
  tokenPrefix: string;
  authErrorStatusCodes: number[];
};
type Stored = ApiCallSettings & { version: number; description: string };

const endpoint = {
  identityProviderName: "Acme",
  clientId: "ledger",
  clientSecret: "ledger-secret",
  tokenRequestUrl: "https://auth.example.com/oauth/token",
};

/** The profiles of the app, by name, as stored. */
async function storedProfiles(page: Page, ref: Ref) {
  const list = await trpcQuery<{ profiles: Array<{ id: string; name: string }> }>(
    page,
    "profile.list",
    ref,
  );
  return list.profiles;
}

const storedProfile = (page: Page, ref: Ref, profileId: string) =>
  trpcQuery<Stored>(page, "profile.get", { ...ref, profileId });

/** The New dialog over a freshly loaded page: axe then judges the dialog, not a passing toast. */
async function openNewDialog(page: Page) {
  await page.reload();
  return openNewProfileDialog(page);
}

/** Unfolds the dialog's API calls section, if folded. */
async function openApiCalls(dialog: Locator) {
  const toggle = dialog.getByRole("button", { name: "API calls", exact: true });
  if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
}

const message = (dialog: Locator, label: string, text: string | RegExp) =>
  expect(dialog.getByLabel(label, { exact: true })).toHaveAccessibleDescription(text);

test("API call settings are saved, shown, and kept when another field is edited", async ({
  page,
  app,
}) => {
  const dialog = await openNewDialog(page);
  await fillProfile(dialog, { name: "Ledger API", ...endpoint });
  // Optional and folded: a profile that only keeps tokens never needs it.
  const toggle = dialog.getByRole("button", { name: "API calls", exact: true });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(dialog.getByLabel("API Base URL")).toBeHidden();
  await openApiCalls(dialog);
  await expect(dialog.getByLabel("Header", { exact: true })).toBeChecked();
  await expect(dialog.getByLabel("Token Parameter Name")).toHaveValue("Authorization");
  await expect(dialog.getByLabel("Token Prefix")).toHaveValue("");
  await expect(dialog.getByLabel("Auth Error Status Code")).toHaveValue("401");
  await expect(dialog).toContainText(
    "Authorization fields go on each API call by their type: Header as a request header",
  );
  await expectNoSeriousViolations(page, "New Authorization Mechanism dialog, API calls open");
  await expectVisibleLabels(page, "New Authorization Mechanism dialog, API calls open");

  // A Path Param may stand in the API Base URL alone; the dialog offers to add it.
  const baseUrl = dialog.getByLabel("API Base URL");
  await baseUrl.fill("https://api.example.com/{region}/v2");
  await baseUrl.blur();
  await message(dialog, "API Base URL", /\{region\} is not a Path Param of this profile/);
  await dialog.getByRole("button", { name: "Add Path Param region" }).click();
  await expect(dialog.getByLabel("Field Value")).toBeFocused();
  await page.keyboard.type("eu");
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("listitem", { name: "Path Param region" })).toBeVisible();
  await expect(baseUrl).not.toHaveAccessibleDescription(/is not a Path Param/);

  await dialog.getByLabel("Token Parameter Name").fill("X-Api-Token");
  await dialog.getByLabel("Token Prefix").fill("Token");
  await dialog.getByLabel("Auth Error Status Code").fill("401, 403");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Profile "Ledger API" created')).toBeVisible();
  const [created] = await storedProfiles(page, app);
  const profileId = created!.id;
  const saved: ApiCallSettings = {
    apiBaseUrl: "https://api.example.com/{region}/v2",
    tokenPlacement: "header",
    tokenParameterName: "X-Api-Token",
    tokenPrefix: "Token",
    authErrorStatusCodes: [401, 403],
  };
  expect(await storedProfile(page, app, profileId)).toMatchObject(saved);

  // Reopened, the section is unfolded with what was saved.
  await profileRow(page, "Ledger API").getByRole("button", { name: "Edit Ledger API" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await expect(edit.getByRole("button", { name: "API calls", exact: true })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await expect(edit.getByLabel("API Base URL")).toHaveValue(saved.apiBaseUrl);
  await expect(edit.getByLabel("Header", { exact: true })).toBeChecked();
  await expect(edit.getByLabel("Token Parameter Name")).toHaveValue("X-Api-Token");
  await expect(edit.getByLabel("Token Prefix")).toHaveValue("Token");
  await expect(edit.getByLabel("Auth Error Status Code")).toHaveValue("401, 403");

  // Saving a change elsewhere leaves them as they were.
  await openAdvanced(edit);
  await edit.getByLabel("Description").fill("Ledger calls for the billing team");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  // What was stored is the proof (the "saved" toast, gone after 4 s, is profiles.spec's to check).
  expect(await storedProfile(page, app, profileId)).toMatchObject({
    ...saved,
    version: 2,
    description: "Ledger calls for the billing team",
  });

  // The profile's page says where calls go and how they carry the token.
  await profileRow(page, "Ledger API").getByRole("link", { name: "Ledger API" }).click();
  const summary = page.locator("dl").filter({ hasText: "Identity Provider Name" });
  await expect(summary).toContainText(`API Base URL${saved.apiBaseUrl}`);
  await expect(summary).toContainText("Token placementHeader X-Api-Token: Token <token>");
  await expect(summary).toContainText("Auth Error Status Code401, 403");

  // The query placement: the name follows it from a default, and there is no prefix to give.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await edit.getByLabel("Token Parameter Name").fill("Authorization");
  await edit.getByLabel("Query parameter").check();
  await expect(edit.getByLabel("Token Parameter Name")).toHaveValue("access_token");
  await expect(edit.getByLabel("Token Prefix")).toBeHidden();
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(summary).toContainText("Token placementQuery parameter ?access_token=<token>");
  expect(await storedProfile(page, app, profileId)).toMatchObject({
    tokenPlacement: "query",
    tokenParameterName: "access_token",
    tokenPrefix: "",
    authErrorStatusCodes: [401, 403],
  });
});

test("a bad status code or API Base URL is shown at its field and nothing is saved", async ({
  page,
  app,
}) => {
  const dialog = await openNewDialog(page);
  await fillProfile(dialog, { name: "Orders API", ...endpoint });
  await openApiCalls(dialog);
  const codes = dialog.getByLabel("Auth Error Status Code");
  await codes.fill("401, forbidden");
  await codes.blur();
  await message(dialog, "Auth Error Status Code", "Enter status codes such as 401");
  await codes.fill("401, 600");
  await message(
    dialog,
    "Auth Error Status Code",
    "Auth error status codes are between 400 and 599",
  );
  const baseUrl = dialog.getByLabel("API Base URL");
  await baseUrl.fill("ftp://api.example.com/v1");
  await baseUrl.blur();
  await message(dialog, "API Base URL", "API Base URL must start with http:// or https://");
  await baseUrl.fill("https://api.example.com/{tenant}/v1");
  await message(dialog, "API Base URL", "{tenant} needs tenancy turned on");
  await expectNoSeriousViolations(page, "API calls with field errors");

  // Folded away, the problems are unfolded again by Save, which saves nothing.
  await dialog.getByRole("button", { name: "API calls", exact: true }).click();
  await expect(baseUrl).toBeHidden();
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(baseUrl).toBeVisible();
  await expect(baseUrl).toBeFocused();
  await message(dialog, "API Base URL", "{tenant} needs tenancy turned on");
  await message(
    dialog,
    "Auth Error Status Code",
    "Auth error status codes are between 400 and 599",
  );
  await expect(dialog).toBeVisible();
  expect(await storedProfiles(page, app)).toEqual([]);

  await page.keyboard.press("Escape");
  await page
    .getByRole("alertdialog", { name: "Discard your changes?" })
    .getByRole("button", { name: "Discard changes" })
    .click();
  await expect(dialog).toBeHidden();

  // On edit too: a profile made with settings keeps them when a bad code is refused.
  const { id: profileId } = await trpcMutation<{ id: string }>(page, "profile.create", {
    ...app,
    profile: { name: "Saved API", ...endpoint, authErrorStatusCodes: [401, 403] },
  });
  await page.reload();
  await profileRow(page, "Saved API").getByRole("button", { name: "Edit Saved API" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await openApiCalls(edit);
  await edit.getByLabel("Auth Error Status Code").fill("401, 4o3");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await message(edit, "Auth Error Status Code", "Enter status codes such as 401");
  await expect(edit).toBeVisible();
  expect(await storedProfile(page, app, profileId)).toMatchObject({
    version: 1,
    authErrorStatusCodes: [401, 403],
  });
});

test("an API Base URL on another origin than the secrets' asks for the Client Secret Key again", async ({
  page,
  app,
}) => {
  const { id: profileId } = await trpcMutation<{ id: string }>(page, "profile.create", {
    ...app,
    profile: { name: "Moved API", ...endpoint },
  });
  await page.reload();
  await profileRow(page, "Moved API").getByRole("button", { name: "Edit Moved API" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  // A profile that only keeps tokens opens with the section folded.
  await expect(edit.getByRole("button", { name: "API calls", exact: true })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
  await openApiCalls(edit);
  await edit.getByLabel("API Base URL").fill("https://api.example.com/v1");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await message(
    edit,
    "Client Secret Key",
    "The API Base URL now points to https://api.example.com: enter the Client Secret Key again",
  );
  expect(await storedProfile(page, app, profileId)).toMatchObject({ version: 1, apiBaseUrl: "" });

  await edit.getByRole("button", { name: "Replace Client Secret Key" }).click();
  await edit.getByLabel("Client Secret Key", { exact: true }).fill(endpoint.clientSecret);
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  expect(await storedProfile(page, app, profileId)).toMatchObject({
    version: 2,
    apiBaseUrl: "https://api.example.com/v1",
  });
});
