import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Runs every axe rule on the page as it is now; fails on any serious or critical violation. */
export async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
    }));
  // Soft, so one run lists the violations of every page.
  expect.soft(serious, `axe on ${what}`).toEqual([]);
  // An empty page would pass too: make sure axe looked at something.
  expect(results.passes.length, `axe rules passed on ${what}`).toBeGreaterThan(10);
}

/** Every visible form control has a label one can see (not only a name for screen readers). */
export async function expectVisibleLabels(page: Page, what: string) {
  const unlabelled = await page.evaluate(() => {
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(element).visibility !== "hidden";
    };
    const controls = document.querySelectorAll<HTMLElement>(
      "input:not([type=hidden]), select, textarea, [role=switch], [role=checkbox], [role=combobox]",
    );
    return (
      [...controls]
        .filter(shown)
        // Radix's switch keeps a hidden native input beside it for forms, not for people.
        .filter((control) => !control.closest("[aria-hidden=true]"))
        .filter((control) => {
          const labels =
            "labels" in control ? [...((control as HTMLInputElement).labels ?? [])] : [];
          const ids = control.getAttribute("aria-labelledby")?.split(/\s+/) ?? [];
          const named = ids.map((id) => document.getElementById(id)).filter((e) => e !== null);
          return ![...labels, ...named].some((label) => shown(label) && label.textContent?.trim());
        })
        .map(
          (control) =>
            `${control.tagName.toLowerCase()}#${control.id} "${control.getAttribute("aria-label") ?? ""}"`,
        )
    );
  });
  expect.soft(unlabelled, `form controls without a visible label on ${what}`).toEqual([]);
}
