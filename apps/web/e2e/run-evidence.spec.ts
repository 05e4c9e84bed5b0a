import { createDb } from "@authdeck/core/db";
import { DEFAULT_DATABASE_URL, withDatabase } from "@authdeck/test-support";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";
import { createApp, createProfile } from "./support/apps.ts";

test("a run stored by an older version in another shape says its evidence is unavailable, and the page works", async ({
  page,
}) => {
  const teamId = await signUp(page, {
    name: "Vera Viewer",
    email: uniqueEmail("old-evidence"),
    teamName: "Old runs",
  });
  const appId = await createApp(page, "Archive");
  const profileId = await createProfile(
    page,
    { teamId, appId },
    {
      name: "Archived API",
      identityProviderName: "Old IdP",
      clientId: "archived",
      clientSecret: "archived-secret",
      tokenRequestUrl: "https://idp.example.com/token",
    },
  );
  // Written straight to the database of the shared end-to-end server (scripts/e2e-server.sh
  // names it after the run), in a shape this version does not write: headers as a record,
  // token facts without their fingerprint.
  const db = createDb({
    databaseUrl: withDatabase(
      process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
      `authdeck_e2e_${process.env.AUTHDECK_E2E_RUN}`,
    ),
    poolSize: 1,
  });
  try {
    await db.testRun.create({
      data: {
        teamId,
        profileId,
        status: "succeeded",
        startedAt: new Date(),
        finishedAt: new Date(),
        durationMs: 120,
        request: { method: "POST", url: "https://idp.example.com/token", headers: {}, body: "" },
        responseStatus: 200,
        responseHeaders: { "content-type": "application/json" },
        responseBody: "{}",
        tokenFacts: { tokenType: "Bearer", prefix: "eyJh" },
      },
    });
  } finally {
    await db.$disconnect();
  }

  await page.goto(`/t/${teamId}/apps/${appId}/profiles/${profileId}`);
  const history = page.getByRole("table", { name: "Test history" });
  await expect(history).toContainText("Passed");
  await history.getByRole("button", { name: /Show/ }).click();
  await expect(page.getByText("Auth Test Passed")).toBeVisible();
  await expect(page.getByText(/^Evidence unavailable/)).toBeVisible();
  await expect(page.getByRole("tab", { name: "Request" })).toHaveCount(0);
});
