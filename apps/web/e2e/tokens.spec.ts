// @module-tag resilience
import { createProfile } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import { openTokenDetails, tokenRow } from "./support/tokens-page.ts";

const CLIENT = { clientId: "dashboard-e2e", clientSecret: "dashboard-e2e-secret-4b1d" };

// Forty-second tokens: Authdeck refreshes them eight seconds before they expire. (Tokens
// living 30 s or less are short-lived: not refreshed on schedule before they expire.)
test.use({
  oidc: { client: CLIENT, accessTokenTTL: 40 },
  tokenServerOptions: { expiresIn: 1 },
  seed: {
    profile: {
      name: "Ledger API",
      identityProviderName: "Test IdP",
      // Off in the New dialog, so that switching it on here is what brings the first token.
      autoRefresh: false,
    },
  },
});

/** True when `seen` holds `wanted` in order, other entries in between allowed. */
const inOrder = (seen: string[], wanted: string[]) => {
  let next = 0;
  for (const status of seen) if (status === wanted[next]) next++;
  return next === wanted.length;
};

test("the token dashboard follows a token from fresh through refreshing to fresh, live", async ({
  page,
  provider,
  seeded: { teamId, appId },
}) => {
  test.setTimeout(120_000);
  await page.goto(`/t/${teamId}`);
  await page.getByRole("link", { name: "Payments", exact: true }).click();
  await page
    .getByRole("navigation", { name: "App settings" })
    .getByRole("link", { name: "Tokens" })
    .click();
  await expect(page).toHaveURL(`/t/${teamId}/apps/${appId}/tokens`);
  const row = tokenRow(page, "Ledger API");
  await expect(row.getByText("No token", { exact: true })).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // Every state the badge shows from here on, and a mark a reload would wipe out.
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[]; stillThisPage: boolean };
    w.seen = [];
    w.stillThisPage = true;
    const record = () => {
      const status = document
        .querySelector("tr[data-profile-row] [data-status]")
        ?.getAttribute("data-status");
      if (status && status !== w.seen.at(-1)) w.seen.push(status);
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
    record();
  });

  const autoRefresh = row.getByRole("switch", { name: "Auto-refresh Ledger API" });
  await autoRefresh.click();
  await expect(autoRefresh).toBeChecked();

  await expect(row.getByText("Fresh", { exact: true })).toBeVisible();
  const countdown = row.locator("[data-countdown]");
  await expect(countdown).toHaveText(/^expires in \d+ s$/);
  await expect(countdown).toHaveAttribute("title", /\d{1,2}:\d{2}:\d{2}/);
  const firstExpiry = await countdown.getAttribute("datetime");
  const shown = await countdown.textContent();
  await expect(countdown).not.toHaveText(shown!);

  const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  await expect
    .poll(async () => inOrder(await seen(), ["fresh", "refreshing", "fresh"]), {
      timeout: 60_000,
      message: "the badge went fresh → refreshing → fresh",
    })
    .toBe(true);
  await expect(countdown).not.toHaveAttribute("datetime", firstExpiry!);
  await expect(row.getByText("Fresh", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as { stillThisPage?: boolean }).stillThisPage)).toBe(
    true,
  );

  // The row's trend has the refreshes in it, without a chart library.
  await expect(
    row.getByRole("img", { name: /\d+ recent requests?: \d+ succeeded, 0 failed/ }),
  ).toBeVisible();

  // Refresh now, in the unfolded row: the button waits for the new token, which the page shows.
  const card = await openTokenDetails(page, "Ledger API");
  const expiry = await countdown.getAttribute("datetime");
  await card.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByText('"Ledger API" has a new token')).toBeVisible();
  await expect(card.getByRole("button", { name: "Refresh now" })).toBeEnabled();
  await expect(countdown).not.toHaveAttribute("datetime", expiry!);

  // The history chart has the refreshes in it, and their count in words.
  await expect(card.getByText(/\d+ recent requests?: \d+ succeeded, 0 failed/)).toBeVisible();
  await expect(
    card.getByRole("img", { name: /Latency of the recent token requests/ }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: /Timeline of each token/ })).toBeVisible();
  expect(provider.requests.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
});

test("the token dashboard says why a provider's one-second tokens are not refreshed on schedule", async ({
  page,
  tokens: shortLived,
  app,
}) => {
  const { teamId, appId } = app;
  await createProfile(page, app, {
    name: "Blink API",
    identityProviderName: "Test IdP",
    ...CLIENT,
    tokenRequestUrl: shortLived.urlFor("ok"),
    autoRefresh: false,
  });
  await page.goto(`/t/${teamId}/apps/${appId}/tokens`);
  const row = tokenRow(page, "Blink API");
  await row.getByRole("switch", { name: "Auto-refresh Blink API" }).click();

  const card = await openTokenDetails(page, "Blink API");
  await expect(card.locator("[data-refresh-note]")).toHaveText(
    "Tokens from this provider live 1 s, less than the 30 s Authdeck leaves between refreshes: 1 in a row, so the next one on schedule waits 30 s. The token API still fetches one when asked.",
  );
  await expect(row.getByText("Expired", { exact: true })).toBeVisible();
  // Ten seconds on, still the one request: no refreshing on a loop.
  await page.waitForTimeout(10_000);
  expect(shortLived.requests).toHaveLength(1);
});
