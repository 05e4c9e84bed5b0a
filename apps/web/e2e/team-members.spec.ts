import { expect, test } from "@playwright/test";
import { signUp, submitSignUp, uniqueEmail } from "./support/accounts.ts";

test("an owner invites a viewer, who sees the team's apps and cannot create one", async ({
  page,
  browser,
  baseURL,
}) => {
  const teamName = `Acme ${Date.now().toString(36)}`;
  const teamId = await signUp(page, {
    name: "Ada Owner",
    email: uniqueEmail("owner"),
    teamName,
  });
  await expect(page.getByRole("button", { name: teamName })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Apps", exact: true })).toBeVisible();
  await expect(page.getByText("No apps yet")).toBeVisible();

  await page.getByRole("button", { name: "New app" }).click();
  const dialog = page.getByRole("dialog", { name: "New app" });
  await dialog.getByLabel("Name").fill("Billing API");
  await dialog.getByRole("button", { name: "Create app" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("link", { name: "Billing API" })).toBeVisible();

  await page
    .getByRole("navigation", { name: "Team" })
    .getByRole("link", { name: "Members" })
    .click();
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ada Owner/ })).toContainText("Owner");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel("Invite link").inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{20,}$`));

  const other = await browser.newContext();
  try {
    const invitee = await other.newPage();
    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { name: `Join ${teamName}` })).toBeVisible();
    await invitee.getByRole("link", { name: "Sign up to join" }).click();
    await expect(invitee.getByText(`You're joining ${teamName} as Viewer`)).toBeVisible();
    await expect(invitee.getByLabel("Team name")).toHaveCount(0);
    const joinedTeamId = await submitSignUp(invitee, {
      name: "Bea Viewer",
      email: uniqueEmail("viewer"),
    });
    expect(joinedTeamId).toBe(teamId);

    await expect(invitee.getByRole("link", { name: "Billing API" })).toBeVisible();
    await expect(invitee.getByRole("button", { name: "New app" })).toHaveCount(0);

    // The hidden button is a courtesy; the server is what refuses.
    const response = await invitee.request.post("/api/trpc/app.create?batch=1", {
      data: { 0: { json: { teamId, name: "x" } } },
      headers: { origin: baseURL!, "content-type": "application/json" },
    });
    expect(response.status()).toBe(403);
    const [answer] = await response.json();
    expect(answer.error.json.data.code).toBe("FORBIDDEN");
  } finally {
    await other.close();
  }
});
