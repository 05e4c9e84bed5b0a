import { signUp, uniqueEmail } from "./support/accounts.ts";
import { createApp, createProfile, trpcMutation } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";
import { expectNoHorizontalOverflow, expectNoOverlap } from "./support/layout.ts";
import { openTokenDetails, tokenRow } from "./support/tokens-page.ts";

test.describe.configure({ timeout: 240_000 });

const PROFILES = 100;
const WITH_TOKEN = 12;
const FAILING = "Profile 013";
const PROVIDER_ERROR =
  "invalid_client: the client secret was rotated on Tuesday and this one is no longer accepted";

// Every profile's token server answer: a token, except for the one profile whose secret was rotated.
test.use({
  tokenServerOptions: {
    script: () => ({
      status: 401,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        error: "invalid_client",
        error_description: PROVIDER_ERROR.slice(16),
      }),
    }),
  },
});

const nameOf = (index: number) => `Profile ${String(index + 1).padStart(3, "0")}`;

test("the Tokens page keeps a hundred profiles to one row each, at 1440 and 375 px", async ({
  page,
  tokens,
  memberOf,
}) => {
  const teamId = await signUp(page, {
    name: "Hana Hundred",
    email: uniqueEmail("hundred"),
    teamName: `Hundred ${Date.now().toString(36)}`,
  });
  const appId = await createApp(page, "Fleet");
  const ref = { teamId, appId };
  // Made through the API, as the page's own dialog would, with auto-refresh off so that only
  // the tokens asked for below exist.
  const ids: string[] = [];
  for (let index = 0; index < PROFILES; index++) {
    const name = nameOf(index);
    ids.push(
      await createProfile(page, ref, {
        name,
        identityProviderName: "Fleet IdP",
        clientId: `client-${index}`,
        clientSecret: `secret-${index}`,
        tokenRequestUrl: tokens.urlFor(name === FAILING ? "scripted" : "ok"),
        autoRefresh: false,
      }),
    );
  }
  for (const profileId of ids.slice(0, WITH_TOKEN + 1)) {
    await trpcMutation(page, "token.refreshNow", { ...ref, profileId });
  }

  for (const width of [1440, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/t/${teamId}/apps/${appId}/tokens`);
    const table = page.getByRole("table", { name: "Tokens by profile" });
    await expect(tokenRow(page, nameOf(PROFILES - 1))).toBeVisible();
    // One row per profile, under one heading row.
    await expect(table.locator("tr[data-profile-row]")).toHaveCount(PROFILES);
    await expect(table.getByRole("row")).toHaveCount(PROFILES + 1);
    await expect(tokenRow(page, nameOf(0)).getByText("Fresh", { exact: true })).toBeVisible();
    await expect(tokenRow(page, nameOf(50)).getByText("No token", { exact: true })).toBeVisible();

    await expectNoHorizontalOverflow(page, `Tokens page with ${PROFILES} profiles at ${width} px`);
    await expectNoOverlap(page, `Tokens page with ${PROFILES} profiles at ${width} px`);
    // The table fits as it is: it does not lean on its own sideways scrolling either.
    const box = await table.evaluate((element) => {
      const scroller = element.parentElement!;
      return { scroll: scroller.scrollWidth, client: scroller.clientWidth };
    });
    expect(box.scroll, `table width at ${width} px`).toBeLessThanOrEqual(box.client);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.info(`${PROFILES} profiles at ${width} px: page ${height} px tall`);
    expect(height, `page height at ${width} px`).toBeLessThan(PROFILES * 90 + 2_000);

    // The rows carry no chart library: the only canvas is the timeline's, and it shows the
    // next ten tokens until asked for all, in a box that scrolls.
    await expect(page.getByRole("img", { name: /Timeline/ })).toBeVisible();
    await expect(table.locator("canvas")).toHaveCount(0);
    await expect(page.getByText(`The next 10 of ${WITH_TOKEN} tokens`)).toBeVisible();
    await page.getByRole("button", { name: "Show all" }).click();
    const all = page.getByRole("group", { name: `Timeline of all ${WITH_TOKEN} tokens` });
    await expect(all).toBeVisible();
    expect((await all.boundingBox())!.height).toBeLessThanOrEqual(28 * 16 + 1);
    await expectNoHorizontalOverflow(page, `timeline, all tokens, at ${width} px`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // The failing profile's row says what went wrong in one line, the whole text on hover and
  // in its unfolded row.
  const failing = tokenRow(page, FAILING);
  const lastError = failing.locator("[data-last-error]");
  await expect(lastError).toContainText("invalid_client");
  await expect(lastError).toHaveAttribute("title", /rotated on Tuesday/);
  const cut = await lastError.evaluate((element) => element.scrollWidth > element.clientWidth);
  expect(cut, "a long error is cut to its cell's width").toBe(true);

  // A row unfolds with its disclosure button, by keyboard too.
  const toggle = tokenRow(page, nameOf(0)).getByRole("button", { name: `Details of ${nameOf(0)}` });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const details = await openTokenDetails(page, nameOf(0));
  await expect(details.getByRole("button", { name: "Refresh now" })).toBeVisible();
  const latency = details.getByRole("img", { name: /Latency of the recent token requests/ });
  await expect(latency).toBeVisible();
  await expect(details.locator("canvas")).toHaveCount(2);

  // Hovering a point shows its values; so do the arrow keys once the chart has focus.
  const tooltip = details.getByRole("status").first();
  const area = (await latency.boundingBox())!;
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  await expect(tooltip).toHaveText(
    /^\d{2}:\d{2}:\d{2} · Refresh now · \d+(\.\d+)? m?s · succeeded$/,
  );
  await page.mouse.move(0, 0);
  await latency.focus();
  await expect(tooltip).toHaveText(/· succeeded$/);
  await expect(latency).toHaveAccessibleDescription(/· succeeded$/);
  await latency.blur();
  await expectNoHorizontalOverflow(page, "a row unfolded");

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(details).toBeHidden();

  // A viewer sees whether auto-refresh is on, without a switch to change it.
  const viewer = await memberOf(page, teamId, "viewer", "Vic Viewer");
  await viewer.goto(`/t/${teamId}/apps/${appId}/tokens`);
  const viewerRow = tokenRow(viewer, nameOf(0));
  await expect(viewerRow.getByText("Off", { exact: true })).toBeVisible();
  await expect(
    viewer.getByRole("table", { name: "Tokens by profile" }).getByRole("switch"),
  ).toHaveCount(0);
});
