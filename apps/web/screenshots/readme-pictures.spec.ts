import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type OidcTestProvider, startOidcProvider } from "@authdeck/test-support";
import { expect, type Page, test, type ViewportSize } from "@playwright/test";
import { SEED_CLIENT, seedTeam } from "../e2e/support/seed.ts";
import { openTokenDetails } from "../e2e/support/tokens-page.ts";

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");
const WIDTHS = [375, 1440];
const THEMES = ["light", "dark"] as const;

let provider: OidcTestProvider;

test.beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  provider = await startOidcProvider({
    clients: [{ ...SEED_CLIENT, authMethod: "client_secret_basic" }],
  });
});

test.afterAll(async () => {
  await provider?.close();
});

/**
 * The whole page at the viewport's width. Not `fullPage`: Chromium sizes that picture to the
 * content of scroll boxes too, so a table that scrolls inside a phone screen would show the
 * page wider than it is. A viewport as tall as the page shows it as laid out.
 */
async function shoot(page: Page, name: string, suffix: string, viewport: ViewportSize) {
  // Keep the pointer and a clicked control's focus ring out of the picture; let things settle.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.waitForTimeout(300);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  await page.screenshot({ path: path.join(OUT, `${name}-${suffix}.png`) });
  await page.setViewportSize(viewport);
}

for (const theme of THEMES) {
  for (const width of WIDTHS) {
    test(`main pages at ${width} px, ${theme}`, async ({ page }) => {
      const suffix = theme === "light" ? `${width}` : `${width}-${theme}`;
      await page.emulateMedia({ colorScheme: theme });
      const viewport = { width, height: width < 600 ? 812 : 900 };
      await page.setViewportSize(viewport);
      const team = await seedTeam(page, provider, `shots-${theme}-${width}`);

      await page.goto(team.appPath("profiles"));
      await expect(page.getByRole("row", { name: /Billing API/ })).toBeVisible();
      await shoot(page, "profiles", suffix, viewport);

      await page.getByRole("button", { name: "New", exact: true }).first().click();
      await expect(page.getByRole("dialog", { name: "New Authorization Mechanism" })).toBeVisible();
      // The dialog scrolls by itself: a viewport picture shows what a person sees.
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `new-profile-dialog-${suffix}.png`) });
      await page.keyboard.press("Escape");

      await page.goto(team.appPath(`profiles/${team.failingId}`));
      await expect(page.getByText("Auth Test Failed")).toBeVisible();
      await page.getByRole("tab", { name: "Headers" }).click();
      await shoot(page, "failed-test-headers", suffix, viewport);
      await page.getByRole("tab", { name: "Response" }).click();
      await expect(page.getByRole("tabpanel")).toContainText("invalid_client");
      await shoot(page, "failed-test-response", suffix, viewport);

      await page.goto(team.appPath("tokens"));
      await expect(page.getByRole("img", { name: /Timeline/ })).toBeVisible();
      // One row unfolded, so the picture shows a profile's charts under the list.
      await openTokenDetails(page, "Ledger API");
      await expect(page.getByRole("img", { name: /Latency of the recent/ })).toBeVisible();
      await shoot(page, "tokens", suffix, viewport);

      await page.goto(`/t/${team.teamId}/members`);
      await expect(page.getByText("Dana Dashboard").first()).toBeVisible();
      await shoot(page, "members", suffix, viewport);

      await page.goto(`/t/${team.teamId}`);
      await expect(page.getByRole("link", { name: "Payments", exact: true })).toBeVisible();
      await shoot(page, "apps", suffix, viewport);
    });
  }
}
