import type { Page } from "@playwright/test";
import { createProfile, trpcMutation, trpcQuery } from "./support/apps.ts";
import { writeToServerDatabase } from "./support/database.ts";
import { expect, test } from "./support/fixtures.ts";
import { profileRow } from "./support/profiles.ts";
import { tokenRow } from "./support/tokens-page.ts";

test.describe.configure({ timeout: 180_000 });

type Ref = { teamId: string; appId: string };

/** Refresh now, then wait until the profile's refresh run has its verdict. */
async function refreshAndWait(page: Page, ref: Ref, profileId: string) {
  await trpcMutation(page, "token.refreshNow", { ...ref, profileId });
  await expect
    .poll(
      async () =>
        (
          await trpcQuery<Array<{ trigger: string; status: string }>>(page, "testRun.list", {
            ...ref,
            profileId,
            limit: 1,
          })
        )[0]?.status,
      { timeout: 30_000 },
    )
    .toMatch(/^(succeeded|failed)$/);
}

test("the profile list and the Tokens page show the same state for the same token", async ({
  page,
  app,
  endpoint,
}) => {
  // Auto-refresh off everywhere: only what the test does changes a token while it reads.
  const make = (name: string, clientSecret = endpoint.clientSecret) =>
    createProfile(page, app, {
      name,
      identityProviderName: "Test IdP",
      ...endpoint,
      clientSecret,
      autoRefresh: false,
    });
  await make("Never refreshed");
  const fresh = await make("Fresh token");
  const expired = await make("Expired token");
  const failing = await make("Refused secret", "not-the-secret");
  await refreshAndWait(page, app, fresh);
  await refreshAndWait(page, app, expired);
  await refreshAndWait(page, app, failing);
  await writeToServerDatabase((db) =>
    db.tokenState.updateMany({
      where: { profileId: expired },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    }),
  );

  await page.goto(`/t/${app.teamId}/apps/${app.appId}/profiles`);
  // Each state with its words, as the page shows them.
  const onListPage: Record<string, { state: string | null; words: string | undefined }> = {};
  for (const name of ["Fresh token", "Expired token", "Refused secret"]) {
    const cell = profileRow(page, name).locator("[data-token-state]");
    await expect(cell).toBeVisible();
    onListPage[name] = {
      state: await cell.getAttribute("data-token-state"),
      words: (await cell.locator("span").first().textContent())?.trim(),
    };
  }
  // A profile that never had a token row says so in words, without a state to move on.
  await expect(profileRow(page, "Never refreshed")).toContainText("No token");

  await page.goto(`/t/${app.teamId}/apps/${app.appId}/tokens`);
  const onTokensPage = async (name: string) => {
    const badge = tokenRow(page, name).locator("[data-status]").first();
    await expect(badge).toBeVisible();
    return {
      state: await badge.getAttribute("data-status"),
      words: (await badge.textContent())?.trim(),
    };
  };
  await expect(tokenRow(page, "Never refreshed").locator("[data-status]")).toHaveAttribute(
    "data-status",
    "none",
  );
  for (const name of ["Fresh token", "Expired token", "Refused secret"]) {
    expect(await onTokensPage(name), name).toEqual(onListPage[name]);
  }
  expect(onListPage).toMatchObject({
    "Fresh token": { state: "fresh", words: "Fresh" },
    "Expired token": { state: "expired", words: "Expired" },
  });
  // A first refresh that was refused: whichever state the rule gives, both pages give it.
  expect(["failing", "none"]).toContain(onListPage["Refused secret"]?.state);
});
