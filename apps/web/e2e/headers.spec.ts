import { expect, test } from "@playwright/test";

test("pages and APIs are sent with the security headers", async ({ request }) => {
  for (const path of ["/sign-in", "/status", "/api/v1/openapi.json"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("default-src 'self'");
    expect(headers["content-security-policy"], path).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
});

test("the pages still run under that policy", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/status");
  await expect(page.getByTestId("status-postgres")).toHaveAttribute("data-state", "up");
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(violations).toEqual([]);
});
