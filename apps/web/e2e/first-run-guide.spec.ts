import type { Page } from "@playwright/test";
import { createApp, createProfile, trpcMutation } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import { SEED_CLIENT, testAndWait } from "./support/seed.ts";

test.describe.configure({ timeout: 120_000 });

const guide = (page: Page) => page.getByRole("region", { name: /^(Get started|You are set up)$/ });

async function expectSteps(page: Page, done: boolean[]) {
  const steps = guide(page).getByRole("listitem");
  await expect(steps).toHaveCount(4);
  for (const [index, isDone] of done.entries()) {
    await expect(steps.nth(index)).toContainText(isDone ? "(done)" : "(to do)");
  }
  await expect(guide(page)).toContainText(`${done.filter(Boolean).length} of 4 steps done`);
}

test("the first-run guide ticks each step from the team's data, up to a token fetched with a key", async ({
  page,
  request,
  provider,
  owner: { teamId },
}) => {
  await expect(guide(page)).toHaveAccessibleName("Get started");
  await expectSteps(page, [false, false, false, false]);

  const appId = await createApp(page, "Payments");
  // Creating the app opened it; the guide is on the team's page.
  await page.goto(`/t/${teamId}`);
  await expectSteps(page, [true, false, false, false]);
  const profileStep = guide(page).getByRole("link", { name: /Create an authorization profile/ });
  await expect(profileStep).toHaveAttribute("href", `/t/${teamId}/apps/${appId}/profiles`);

  const ref = { teamId, appId };
  const failing = await createProfile(page, ref, {
    name: "Wrong secret",
    identityProviderName: "Acme IdP",
    clientId: SEED_CLIENT.clientId,
    clientSecret: "not-it",
    tokenRequestUrl: provider.tokenUrl,
  });
  await testAndWait(page, ref, failing);
  await page.reload();
  // A failed test is not the step: it asks for one that passes.
  await expectSteps(page, [true, true, false, false]);

  const passing = await createProfile(page, ref, {
    name: "Right secret",
    identityProviderName: "Acme IdP",
    ...SEED_CLIENT,
    tokenRequestUrl: provider.tokenUrl,
  });
  await testAndWait(page, ref, passing);
  await page.reload();
  await expectSteps(page, [true, true, true, false]);
  await expect(guide(page)).toHaveAccessibleName("Get started");
  await expect(
    guide(page).getByRole("link", { name: /Create an API key and fetch a token/ }),
  ).toHaveAttribute("href", `/t/${teamId}/api-keys`);

  // A key alone is not the step: a token fetched with it is.
  const { key } = await trpcMutation<{ key: string }>(page, "apiKey.create", {
    teamId,
    name: "Payments service",
    appIds: [appId],
  });
  await page.reload();
  await expectSteps(page, [true, true, true, false]);
  const answer = await request.get(`/api/v1/apps/${appId}/profiles/${passing}/token`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(answer.status()).toBe(200);
  await page.reload();
  await expectSteps(page, [true, true, true, true]);
  await expect(guide(page)).toHaveAccessibleName("You are set up");

  await guide(page).getByRole("button", { name: "Hide the getting started guide" }).click();
  await expect(guide(page)).toBeHidden();
  await page.reload();
  await expect(page.getByRole("link", { name: "Payments", exact: true })).toBeVisible();
  await expect(guide(page)).toBeHidden();
});
