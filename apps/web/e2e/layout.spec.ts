import { expect, test } from "./support/fixtures.ts";
import { expectNoHorizontalOverflow, expectNoOverlap, layoutShift } from "./support/layout.ts";
import { seedTeam } from "./support/seed.ts";

test.describe.configure({ timeout: 180_000 });

for (const width of [375, 1440]) {
  test(`at ${width} px the profile list and a failed test fit, without overlaps`, async ({
    page,
    provider,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const team = await seedTeam(page, provider, `layout-${width}`);

    await page.goto(team.appPath("profiles"));
    await expect(page.getByRole("row", { name: /Billing API/ })).toBeVisible();
    // Skeletons hold the place of what loads: below 0.1, the "good" mark of Core Web Vitals.
    expect.soft(await layoutShift(page), "layout shift of the profile list").toBeLessThan(0.1);
    await expectNoHorizontalOverflow(page, "profile list");
    await expectNoOverlap(page, "profile list");

    await page.goto(team.appPath(`profiles/${team.failingId}`));
    await expect(page.getByText("Auth Test Failed")).toBeVisible();
    await page.getByRole("tab", { name: "Headers" }).click();
    await expect(page.getByRole("tabpanel")).toContainText("Response headers");
    await expectNoHorizontalOverflow(page, "failed test, Headers");
    await expectNoOverlap(page, "failed test, Headers");
    await page.getByRole("tab", { name: "Response" }).click();
    await expect(page.getByRole("tabpanel")).toContainText("invalid_client");
    await expectNoHorizontalOverflow(page, "failed test, Response");
    await expectNoOverlap(page, "failed test, Response");
  });

  test(`at ${width} px the other pages do not scroll sideways or jump while loading`, async ({
    page,
    provider,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const team = await seedTeam(page, provider, `layout-pages-${width}`);
    const pages: Array<[string, string, string]> = [
      ["apps", `/t/${team.teamId}`, "Payments"],
      ["tokens", team.appPath("tokens"), "Upcoming expiries and refreshes"],
      ["app settings", team.appPath("general"), "Delete app"],
      ["members", `/t/${team.teamId}/members`, "Save allowlist"],
      ["API keys", `/t/${team.teamId}/api-keys`, "Checkout service"],
      ["audit log", `/t/${team.teamId}/audit`, "Billing API"],
    ];
    for (const [what, path, ready] of pages) {
      await page.goto(path);
      await expect(page.getByRole("main").getByText(ready).first()).toBeVisible();
      expect.soft(await layoutShift(page), `layout shift of ${what}`).toBeLessThan(0.1);
      await expectNoHorizontalOverflow(page, what);
      await expectNoOverlap(page, what);
    }
  });
}
