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
