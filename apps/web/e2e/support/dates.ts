import { expect, type Page } from "@playwright/test";

const RELATIVE = /\b(ago|just now|yesterday|tomorrow|today|expired)\b|\bin \d/;

/** Every date on the page reads relative ("3 hours ago") and holds the exact time on hover. */
export async function expectRelativeDatesWithExactTime(page: Page, what: string) {
  const times = await page.locator("time").evaluateAll((elements) =>
    elements.map((element) => ({
      text: element.textContent ?? "",
      title: element.getAttribute("title") ?? "",
      dateTime: element.getAttribute("datetime") ?? "",
    })),
  );
  for (const time of times) {
    expect.soft(time.text, `relative date on ${what}`).toMatch(RELATIVE);
    expect
      .soft(time.title, `exact time behind "${time.text}" on ${what}`)
      .toMatch(/\d{1,2}:\d{2}:\d{2}/);
    expect.soft(Number.isNaN(Date.parse(time.dateTime)), `datetime of "${time.text}"`).toBe(false);
  }
  return times.length;
}
