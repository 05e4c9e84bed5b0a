// @module-tag resilience
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.ts";
import { seedTeam } from "./support/seed.ts";
import { openTokenDetails } from "./support/tokens-page.ts";

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `)) ?? "";

test("pages and APIs are sent with the security headers", async ({ request }) => {
  for (const path of ["/sign-in", "/status", "/api/v1/openapi.json"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("default-src 'self'");
    expect(headers["content-security-policy"], path).not.toContain("unsafe-eval");
    expect(directive(headers["content-security-policy"] ?? "", "script-src"), path).not.toContain(
      "'unsafe-inline'",
    );
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"], path).toBeUndefined();
    // Served over plain http here: no HSTS, which would lock a browser out of http://localhost.
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
});

test("pages allow only scripts carrying this response's nonce", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/sign-in", "/status", "/sign-in"]) {
    const response = await request.get(path);
    const scripts = directive(response.headers()["content-security-policy"] ?? "", "script-src");
    expect(scripts, path).toMatch(
      /^script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic'$/,
    );
    const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1] ?? "";
    nonces.add(nonce);
    // Every script of the page, Next's and the theme script in <head>, carries it.
    const html = await response.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(1);
    for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);
});

/** Every Content-Security-Policy violation the page reports, from the browser's own event. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void })
        .reportViolation;
      report(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}

test("the pages still run under that policy, signed out and signed in", async ({
  page,
  provider,
}) => {
  test.setTimeout(180_000);
  const violations = await watchViolations(page);
  // The theme script in <head> must run before the first paint: it puts `dark` on <html>.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/status");
  await expect(page.getByTestId("status-postgres")).toHaveAttribute("data-state", "up");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();

  const team = await seedTeam(page, provider, "csp");
  // The token dashboard: live updates and its charts, loaded on demand.
  await page.goto(team.appPath("tokens"));
  await openTokenDetails(page, "Ledger API");
  await expect(page.locator("canvas").first()).toBeVisible();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  // A dialog, and a failed test's result.
  await page.goto(team.appPath("profiles"));
  await page.getByRole("button", { name: "New", exact: true }).first().click();
  await expect(page.getByRole("dialog", { name: "New Authorization Mechanism" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto(team.appPath(`profiles/${team.failingId}`));
  await expect(page.getByText(/Auth Test Failed/i).first()).toBeVisible();
  expect(violations).toEqual([]);
});
