import { createHash } from "node:crypto";
import { trpcMutation, trpcQuery } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import { seedTeam } from "./support/seed.ts";

test.describe.configure({ timeout: 180_000 });

const fingerprintOf = (token: string) =>
  createHash("sha256").update(token).digest("hex").slice(0, 16);

test("a passed test's token is copied after a confirmation, and Refresh now is named in the history", async ({
  page,
  context,
  provider,
  memberOf,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const team = await seedTeam(page, provider, "copy-token");
  const ref = { teamId: team.teamId, appId: team.appId };
  await page.goto(team.appPath(`profiles/${team.passingId}`));
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();

  // A viewer reads the same passed test without the button.
  const viewer = await memberOf(page, team.teamId, "viewer");
  await viewer.goto(team.appPath(`profiles/${team.passingId}`));
  const viewersResult = viewer.getByRole("region", { name: "Test result" });
  await expect(viewersResult.getByText("Auth Test Passed")).toBeVisible();
  await expect(viewersResult.getByRole("button", { name: "Copy token" })).toHaveCount(0);

  await result.getByRole("button", { name: "Copy token" }).click();
  const confirm = page.getByRole("dialog", { name: "Copy the access token?" });
  await expect(confirm).toContainText(
    "This copies the live access token this test obtained for Ledger API to your clipboard. Anyone with it can call the API until it expires at",
  );
  await confirm.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByText("Access token copied to the clipboard")).toBeVisible();
  await expect(confirm).toBeHidden();

  // The clipboard holds the very token the test obtained: its fingerprint is the run's.
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const [run] = await trpcQuery<Array<{ id: string }>>(page, "testRun.list", {
    ...ref,
    profileId: team.passingId,
    limit: 1,
  });
  const shown = await trpcQuery<{ tokenFacts: { fingerprint: string } }>(page, "testRun.get", {
    ...ref,
    runId: run!.id,
  });
  expect(copied.length).toBeGreaterThan(10);
  expect(fingerprintOf(copied)).toBe(shown.tokenFacts.fingerprint);
  const audit = await trpcQuery<{ events: unknown[] }>(page, "audit.list", {
    teamId: team.teamId,
    action: "token.reveal",
  });
  expect(audit.events).toHaveLength(1);

  // Refresh now: its run says who asked, and the test's token, replaced, can no longer be copied.
  await trpcMutation(page, "token.refreshNow", { ...ref, profileId: team.passingId });
  await expect
    .poll(
      async () =>
        (
          await trpcQuery<Array<{ trigger: string; status: string }>>(page, "testRun.list", {
            ...ref,
            profileId: team.passingId,
            limit: 5,
          })
        )[0],
      { timeout: 30_000 },
    )
    .toEqual(expect.objectContaining({ trigger: "manual", status: "succeeded" }));
  // The history lists runs as they were when the page loaded; a refresh run is not followed live.
  await page.reload();
  const history = page.getByRole("table", { name: "Test history" });
  await expect(history.getByRole("cell", { name: "Dana Dashboard (Refresh now)" })).toBeVisible();
  await history.getByRole("row").nth(2).getByRole("button", { name: "Show" }).click();
  await result.getByRole("button", { name: "Copy token" }).click();
  await confirm.getByRole("button", { name: "Copy token" }).click();
  await expect(
    page.getByText("A newer token has replaced the one this test obtained"),
  ).toBeVisible();

  // The audit log says it in a sentence, once: the refused copy is not recorded.
  await page.goto(`/t/${team.teamId}/audit`);
  await expect(
    page.getByRole("table").getByRole("row", {
      name: /Dana Dashboard copied the access token of Ledger API/,
    }),
  ).toHaveCount(1);
});
