import { createProfile } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";

/**
 * A profile's scheduled health check calls its API with the current token. When the API stops
 * accepting the call the profile turns Failing, on its page and in the profile list, and back to
 * Healthy once it accepts it again, without a reload.
 */

test("a health check that starts failing turns the profile's badge to Failing and back to Healthy, live", async ({
  page,
  context,
  app,
  endpoint,
  api,
}) => {
  test.setTimeout(90_000);
  const profileId = await createProfile(page, app, {
    name: "Ledger API",
    identityProviderName: "Test IdP",
    ...endpoint,
    apiBaseUrl: `${api.url}/v1`,
  });
  const profiles = `/t/${app.teamId}/apps/${app.appId}/profiles`;
  await page.goto(`${profiles}/${profileId}`);
  const panel = page.getByRole("region", { name: "Health check" });
  await expect(panel.getByText("Not checked")).toBeVisible();

  await panel.getByLabel("Path").fill("/status");
  await panel.getByRole("button", { name: "Save health check" }).click();
  await expect(panel.locator("[data-health]")).toHaveAttribute("data-health", "healthy");
  expect(api.calls.at(-1)).toMatchObject({ method: "GET", path: "/v1/status" });
  expect(api.calls.at(-1)?.headers.authorization).toMatch(/^Bearer \S+/);

  // The profile list, open in another tab, follows the same profile.
  const list = await context.newPage();
  await list.goto(profiles);
  const listed = list.getByRole("row", { name: /Ledger API/ }).locator("[data-health]");
  await expect(listed).toHaveAttribute("data-health", "healthy");

  api.answer(() => ({ status: 503, body: JSON.stringify({ error: "maintenance" }) }));
  await panel.getByRole("button", { name: "Check now" }).click();
  await expect(panel.locator("[data-health]").first()).toHaveAttribute("data-health", "failing");
  await expect(listed).toHaveAttribute("data-health", "failing");
  await expect(
    panel.getByText("The API answered 503; the check expects 200").first(),
  ).toBeVisible();

  api.answer(() => ({ status: 200, body: "{}" }));
  await panel.getByRole("button", { name: "Check now" }).click();
  await expect(panel.locator("[data-health]").first()).toHaveAttribute("data-health", "healthy");
  await expect(listed).toHaveAttribute("data-health", "healthy");
});
