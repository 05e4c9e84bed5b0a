import { expect, type Page, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";

const html = (page: Page) => page.locator("html");

/** Records <html>'s classes at the moment <body> is created, before anything can be painted. */
async function recordClassBeforeBody(page: Page) {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      (window as { classAtBody?: string }).classAtBody = document.documentElement.className;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}
const classAtBody = (page: Page) =>
  page.evaluate(() => (window as { classAtBody?: string }).classAtBody);

const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function chooseTheme(page: Page, name: "Light" | "Dark" | "System") {
  await page.getByRole("button", { name: /^Account:/ }).click();
  const item = page.getByRole("menuitemradio", { name });
  await item.click();
  await expect(item).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");
}

test("the theme follows the system until someone chooses; the choice stays, without a flash", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await recordClassBeforeBody(page);
  await page.emulateMedia({ colorScheme: "dark" });
  const teamId = await signUp(page, {
    name: "Theo Theme",
    email: uniqueEmail("theme"),
    teamName: "Themes",
  });
  await expect(html(page)).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html(page)).not.toHaveClass(/\bdark\b/);

  // Dark chosen while the system is light: kept across a reload, and set before <body> exists.
  const lightBackground = await bodyBackground(page);
  await chooseTheme(page, "Dark");
  await expect(html(page)).toHaveClass(/\bdark\b/);
  await expect.poll(() => bodyBackground(page)).not.toBe(lightBackground);
  await page.goto(`/t/${teamId}`);
  await expect(page.getByRole("heading", { name: "Apps", exact: true })).toBeVisible();
  expect(await classAtBody(page)).toMatch(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html(page)).toHaveClass(/\bdark\b/);

  await chooseTheme(page, "Light");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Apps", exact: true })).toBeVisible();
  expect(await classAtBody(page)).not.toMatch(/\bdark\b/);
  await expect(html(page)).not.toHaveClass(/\bdark\b/);

  // Back to the system: it follows the system setting again, live.
  await chooseTheme(page, "System");
  await expect(html(page)).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html(page)).not.toHaveClass(/\bdark\b/);
  expect(violations).toEqual([]);
});
