import { writeToServerDatabase } from "./support/database.ts";
import { expect, test } from "./support/fixtures.ts";

test.use({
  seed: { app: "Archive", profile: { name: "Archived API", identityProviderName: "Old IdP" } },
  // Never asked: the run below is written, not made.
  endpoint: {
    tokenRequestUrl: "https://idp.example.com/token",
    clientId: "archived",
    clientSecret: "archived-secret",
  },
});

test("a run stored by an older version in another shape says its evidence is unavailable, and the page works", async ({
  page,
  seeded: { teamId, appId, profileId },
}) => {
  // In a shape this version does not write: headers as a record, token facts without their
  // fingerprint.
  await writeToServerDatabase((db) =>
    db.testRun.create({
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
    }),
  );

  await page.goto(`/t/${teamId}/apps/${appId}/profiles/${profileId}`);
  const history = page.getByRole("table", { name: "Test history" });
  await expect(history).toContainText("Passed");
  await history.getByRole("button", { name: /Show/ }).click();
  await expect(page.getByText("Auth Test Passed")).toBeVisible();
  await expect(page.getByText(/^Evidence unavailable/)).toBeVisible();
  await expect(page.getByRole("tab", { name: "Request" })).toHaveCount(0);
});
