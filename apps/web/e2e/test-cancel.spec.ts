import { expect, test, tokensEndpoint } from "./support/fixtures.ts";
import { profileRow } from "./support/profiles.ts";

// One attempt against a provider that never answers lasts until its deadline (10 s or more).
test.describe.configure({ timeout: 180_000 });

test.use({
  seed: {
    app: "Silent app",
    profile: { name: "Silent IdP", identityProviderName: "Never answers" },
  },
  endpoint: tokensEndpoint("hang", { clientId: "silent-client", clientSecret: "silent-secret-31" }),
});

test("a test of a provider that never answers shows its attempts live and Cancel ends it", async ({
  page,
  seeded: _,
  tokens: hanging,
}) => {
  await profileRow(page, "Silent IdP").getByRole("button", { name: "Test Silent IdP" }).click();
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  const attempt = result.locator("[data-attempt]");
  await expect(attempt).toHaveText(
    "Attempt 1 of 3: the token request is on its way to the identity provider.",
  );
  // The time waited so far moves on its own.
  const waited = result.locator("[data-waited]");
  await expect(waited).toHaveText(/^Waited \d+ s so far$/);
  const firstWaited = await waited.textContent();
  await expect(waited).not.toHaveText(firstWaited!);

  // The first attempt runs into its deadline: the count moves, and says why.
  await expect(attempt).toHaveText(
    /^Attempt 2 of 3: the first timed out after \d+ s, (retrying in \d+ s|sent again)\.$/,
    { timeout: 40_000 },
  );
  await expect(result.getByText("Attempts", { exact: true })).toBeVisible();
  const requestsBefore = hanging.requests.length;
  expect(requestsBefore).toBeGreaterThanOrEqual(1);

  // Timed in the page, from the press to the verdict on screen (not the test runner's own pace).
  await page.evaluate(() => {
    const w = window as unknown as { pressedAt?: number; cancelledAt?: number };
    document.addEventListener(
      "click",
      (event) => {
        if ((event.target as Element).closest("button")?.textContent === "Cancel test")
          w.pressedAt = performance.now();
      },
      { capture: true },
    );
    new MutationObserver(() => {
      if (w.cancelledAt === undefined && document.body.textContent?.includes("Test cancelled"))
        w.cancelledAt = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await result.getByRole("button", { name: "Cancel test" }).click();
  await expect(result.getByText("Test cancelled", { exact: true })).toBeVisible();
  const took = await page.evaluate(() => {
    const w = window as unknown as { pressedAt: number; cancelledAt: number };
    return w.cancelledAt - w.pressedAt;
  });
  expect(took).toBeLessThan(1_000);
  await expect(result.getByText("cancelled", { exact: true })).toBeVisible();
  await expect(result.getByRole("button", { name: "Cancel test" })).toBeHidden();
  await expect(attempt).toHaveCount(0);

  // Nothing more is asked of the provider, and the history keeps the verdict.
  await page.waitForTimeout(2_000);
  expect(hanging.requests.length).toBeLessThanOrEqual(requestsBefore + 1);
  await page.keyboard.press("Escape");
  await expect(profileRow(page, "Silent IdP")).toContainText("Cancelled");
});
