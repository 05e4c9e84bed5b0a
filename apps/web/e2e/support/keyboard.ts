import { expect, type Locator, type Page } from "@playwright/test";

/** Whether the focused element shows a focus indicator: an outline or a ring (box shadow). */
export async function focusIsVisible(page: Page): Promise<{ element: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { element: "body", visible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none";
    const name = element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 40);
    return { element: `${element.tagName.toLowerCase()} "${name}"`, visible: outline || ring };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking on the way that every
 * element that takes the focus shows it; fails after `limit` presses.
 */
export async function tabTo(page: Page, target: Locator, { back = false, limit = 40 } = {}) {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const focus = await focusIsVisible(page);
    if (focus.element !== "body")
      expect(focus.visible, `focus shown on ${focus.element}`).toBe(true);
  }
  await expect(target).toBeFocused();
}
