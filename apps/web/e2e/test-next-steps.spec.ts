import { trpcQuery } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";

test.describe.configure({ timeout: 180_000 });

test("a failed test says the likely fix and offers Test again, Edit profile and Copy as curl", async ({
  page,
  context,
  provider,
  seededTeam: team,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(team.appPath(`profiles/${team.failingId}`));
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Failed")).toBeVisible();
  await expect(result).toContainText(
    "Likely fix: Check the Client Secret Key, or try sending client credentials in the body.",
  );
  // A failure opens where the provider's error is.
  await expect(result.getByRole("tab", { name: "Response" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await expect(result.getByRole("tabpanel")).toContainText('"error": "invalid_client"');

  // Edit profile opens at the field the verdict points to: the stored secret's Replace.
  await result.getByRole("button", { name: "Edit profile" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await expect(edit.getByRole("button", { name: "Replace Client Secret Key" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(edit).toBeHidden();

  // The curl carries the request as sent, its secrets masked.
  await result.getByRole("button", { name: "Copy as curl" }).click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(`curl -X POST '${provider.tokenUrl}'`);
  expect(curl).toContain("Authorization: Basic ********");
  expect(curl).not.toContain("an-old-secret");

  // Test again runs a new test from the result: the history gains a row.
  const history = page.getByRole("table", { name: "Test history" });
  await expect(history.getByRole("row")).toHaveCount(2);
  await result.getByRole("button", { name: "Test again" }).click();
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(result.getByText("Auth Test Failed")).toBeVisible();
  await expect(history.getByRole("row").nth(1).getByRole("button")).toHaveText("Shown");
});

test("from the list's Test dialog, Edit profile opens the profile at the verdict's field", async ({
  page,
  seededTeam: team,
}) => {
  await page.goto(team.appPath("profiles"));
  await page.getByRole("button", { name: "Test Billing API" }).click();
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Failed")).toBeVisible();
  await expect(result).toContainText("Likely fix:");

  const runs = async () =>
    (
      await trpcQuery<unknown[]>(page, "testRun.list", {
        teamId: team.teamId,
        appId: team.appId,
        profileId: team.failingId,
        limit: 20,
      })
    ).length;
  // The seeded test and the one just started.
  await expect.poll(runs).toBe(2);
  await result.getByRole("button", { name: "Test again" }).click();
  await expect.poll(runs).toBe(3);
  await expect(result.getByText("Auth Test Failed")).toBeVisible();

  await result.getByRole("button", { name: "Edit profile" }).click();
  await expect(result).toBeHidden();
  const edit = page.getByRole("dialog", { name: "Edit Authorization Mechanism" });
  await expect(edit.getByRole("button", { name: "Replace Client Secret Key" })).toBeFocused();
});
