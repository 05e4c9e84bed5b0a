import type { Locator } from "@playwright/test";
import { expect, test, tokensEndpoint } from "./support/fixtures.ts";

test.use({
  seed: {
    app: "Pocket",
    profile: {
      name: "Payments gateway (production)",
      identityProviderName: "Example Identity Provider",
    },
  },
  endpoint: tokensEndpoint("ok", { clientId: "phone-client", clientSecret: "phone-secret-12" }),
});

/** Wholly inside the 375 px viewport, as it lies: nothing scrolled sideways to reach it. */
async function expectOnScreen(control: Locator) {
  const box = await control.boundingBox();
  expect(box, "the control is laid out").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
}

test("at 375 px a profile's Test and Edit are within reach, with no sideways scrolling", async ({
  page,
  seeded: { teamId, appId },
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/t/${teamId}/apps/${appId}/profiles`);
  const table = page.getByRole("table", { name: "Authorization profiles" });
  const row = table.getByRole("row", { name: /Payments gateway/ });
  const testButton = row.getByRole("button", { name: "Test Payments gateway (production)" });
  const editButton = row.getByRole("button", { name: "Edit Payments gateway (production)" });
  await expect(testButton).toBeVisible();
  await expectOnScreen(testButton);
  await expectOnScreen(editButton);
  const scroll = await table.evaluate((el) => {
    const box = el.parentElement!;
    return {
      scrollWidth: box.scrollWidth,
      clientWidth: box.clientWidth,
      scrollLeft: box.scrollLeft,
    };
  });
  expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
  expect(scroll.scrollLeft).toBe(0);

  await testButton.click();
  const result = page.getByRole("dialog", { name: "Test Authorization" });
  await expect(result.getByText("Auth Test Passed")).toBeVisible();
  await page.keyboard.press("Escape");
  await editButton.click();
  await expect(page.getByRole("dialog", { name: "Edit Authorization Mechanism" })).toBeVisible();
});
