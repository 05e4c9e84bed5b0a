import type { Page } from "@playwright/test";
import { trpcMutation } from "./support/apps.ts";
import { expectNoSeriousViolations, expectVisibleLabels } from "./support/axe.ts";
import { expectRelativeDatesWithExactTime } from "./support/dates.ts";
import { expect, test } from "./support/fixtures.ts";
import { openAdvanced } from "./support/profiles.ts";
import { seedTeam } from "./support/seed.ts";
import { openTokenDetails } from "./support/tokens-page.ts";

// Every page of the dashboard, seeded like a team in use, in both themes: many page loads on
// a busy two-core machine (the Credentials and Notifications pages added about 30 s to each).
test.describe.configure({ timeout: 360_000 });

let datesSeen = 0;

async function check(page: Page, what: string) {
  await expectNoSeriousViolations(page, what);
  await expectVisibleLabels(page, what);
  datesSeen += await expectRelativeDatesWithExactTime(page, what);
}

async function open(page: Page, path: string, ready: Parameters<Page["getByRole"]>) {
  await page.goto(path);
  await expect(page.getByRole(...ready).first()).toBeVisible();
}

for (const theme of ["light", "dark"] as const) {
  test(`every page has no serious or critical axe violation in the ${theme} theme`, async ({
    page,
    provider,
  }) => {
    datesSeen = 0;
    await page.emulateMedia({ colorScheme: theme });

    await open(page, "/sign-in", ["heading", { name: "Sign in" }]);
    // The system setting decides while nobody has chosen a theme.
    const html = expect(page.locator("html"));
    await (theme === "dark" ? html.toHaveClass(/\bdark\b/) : html.not.toHaveClass(/\bdark\b/));
    await check(page, "sign-in");
    await open(page, "/sign-up", ["button", { name: "Create account" }]);
    await check(page, "sign-up");
    await open(page, "/status", ["heading", { name: "Status", exact: true }]);
    await expect(page.getByTestId("status-postgres")).toHaveAttribute("data-state", "up");
    await check(page, "status");

    const team = await seedTeam(page, provider, `axe-${theme}`);

    await open(page, `/t/${team.teamId}`, ["link", { name: "Payments", exact: true }]);
    await check(page, "team dashboard (apps)");

    await open(page, `/t/${team.teamId}/apps/${team.emptyAppId}/profiles`, [
      "heading",
      { name: "Authorization Profiles", exact: true },
    ]);
    await expect(page.getByText("No authorization profiles yet")).toBeVisible();
    await check(page, "profile list, empty");

    await open(page, team.appPath("profiles"), ["row", { name: /Billing API/ }]);
    await check(page, "profile list with rows");

    await page.getByRole("button", { name: "New", exact: true }).first().click();
    const dialog = page.getByRole("dialog", { name: "New Authorization Mechanism" });
    await expect(dialog.getByLabel("Identity Provider Name")).toBeVisible();
    await check(page, "New Authorization Mechanism dialog");
    // Each field says what it is and gives an example, or says what happens to it.
    await openAdvanced(dialog);
    await check(page, "New Authorization Mechanism dialog, Advanced open");
    for (const label of [
      "Authorization Type",
      "Name",
      "Identity Provider Name",
      "Client ID",
      "Client Secret Key",
      "Token Request URL",
      "Tenancy",
      "Refresh Token URL",
      "Description",
    ]) {
      const hint = await dialog.getByLabel(label, { exact: true }).evaluate((control) =>
        (control.getAttribute("aria-describedby") ?? "")
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ")
          .trim(),
      );
      expect.soft(hint.length, `hint of ${label}`).toBeGreaterThan(20);
    }
    await expect
      .soft(dialog.getByRole("group", { name: "Scope" }))
      .toHaveAccessibleDescription(/.{20}/);
    for (const radio of await dialog.getByRole("radio").all()) {
      await expect.soft(radio).toHaveAccessibleDescription(/.{20}/);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await page.getByRole("button", { name: "Test Billing API" }).click();
    const result = page.getByRole("dialog", { name: "Test Authorization" });
    await expect(result.getByText("Auth Test Failed")).toBeVisible();
    await check(page, "Test Authorization dialog, failed");
    await page.keyboard.press("Escape");
    await expect(result).toBeHidden();

    for (const [profileId, verdict] of [
      [team.failingId, "Auth Test Failed"],
      [team.passingId, "Auth Test Passed"],
    ] as const) {
      await open(page, team.appPath(`profiles/${profileId}`), ["heading", { name: "Test result" }]);
      await expect(page.getByText(verdict)).toBeVisible();
      // A failure opens on Response: both tabs are checked either way.
      await page.getByRole("tab", { name: "Headers" }).click();
      await expect(page.getByRole("tabpanel")).toContainText("Response headers");
      await check(page, `${verdict}, Headers tab`);
      await page.getByRole("tab", { name: "Response" }).click();
      await expect(page.getByRole("tabpanel")).toContainText("Response body");
      await check(page, `${verdict}, Response tab`);
    }

    await open(page, team.appPath("tokens"), ["table", { name: "Tokens by profile" }]);
    await check(page, "token dashboard");
    await openTokenDetails(page, "Ledger API");
    await expect(
      page.getByRole("img", { name: /Latency of the recent token requests/ }),
    ).toBeVisible();
    await check(page, "token dashboard, a profile unfolded");
    await open(page, team.appPath("general"), ["heading", { name: "General" }]);
    await check(page, "app settings");
    await open(page, `/t/${team.teamId}/members`, ["heading", { name: "Members" }]);
    await expect(page.getByText("Dana Dashboard").first()).toBeVisible();
    await check(page, "team settings and members");
    await open(page, `/t/${team.teamId}/api-keys`, ["cell", { name: "Checkout service" }]);
    await check(page, "API keys");
    // A client secret about to expire, so the Credentials page shows its warnings too.
    await trpcMutation(page, "profile.create", {
      teamId: team.teamId,
      appId: team.appId,
      profile: {
        name: "Refunds API",
        identityProviderName: "Acme IdP",
        tokenRequestUrl: "https://login.example.com/oauth2/token",
        clientId: "refunds",
        clientSecret: "refunds-secret",
        clientSecretExpiresOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    await open(page, `/t/${team.teamId}/credentials`, ["link", { name: "Refunds API" }]);
    await expect(page.getByText(/Expires in \d days?/)).toBeVisible();
    await check(page, "credentials");
    await open(page, `/t/${team.teamId}/notifications`, [
      "heading",
      { name: "Notifications", exact: true },
    ]);
    await check(page, "notifications");
    await page.getByRole("button", { name: "Add channel" }).click();
    await expect(page.getByRole("dialog", { name: "Add channel" })).toBeVisible();
    await check(page, "Add channel dialog");
    await page.keyboard.press("Escape");
    await open(page, `/t/${team.teamId}/audit`, ["heading", { name: "Audit log" }]);
    await expect(page.getByRole("table").first()).toBeVisible();
    await check(page, "audit log");

    await page.getByRole("button", { name: /^Account:/ }).click();
    await expect(page.getByRole("menuitemradio", { name: "System" })).toBeVisible();
    await check(page, "user menu with the theme switch");
    // The seeded pages show dates (apps, tests, keys, members, events): make sure some were read.
    expect(datesSeen).toBeGreaterThan(10);
  });
}
