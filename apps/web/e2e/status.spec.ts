import { expect, test } from "@playwright/test";

test("the Status page shows PostgreSQL, Redis and the worker up", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByRole("heading", { name: "Status" })).toBeVisible();
  for (const service of ["postgres", "redis", "worker"]) {
    const card = page.getByTestId(`status-${service}`);
    await expect(card).toHaveAttribute("data-state", "up");
    await expect(card).toContainText("Up");
  }
  await expect(page.getByTestId("status-worker")).toContainText(
    /1 running, last heartbeat \d+ s ago/,
  );
});
