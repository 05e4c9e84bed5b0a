import { submitSignUp, uniqueEmail } from "./support/accounts.ts";
import { createApp } from "./support/apps.ts";
import { expect, test } from "./support/fixtures.ts";

test.use({ account: { person: "Ada Owner", team: "Acme" } });

test("an owner invites a viewer, who sees the team's apps and cannot create one", async ({
  page,
  browser,
  baseURL,
  owner: { teamId, teamName },
}) => {
  await expect(page.getByRole("button", { name: teamName })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Apps", exact: true })).toBeVisible();
  await expect(page.getByText("No apps yet")).toBeVisible();

  await createApp(page, "Billing API");
  // The new app opened; the team's page lists it.
  await page.goto(`/t/${teamId}`);
  await expect(page.getByRole("link", { name: "Billing API" })).toBeVisible();

  await page
    .getByRole("navigation", { name: "Team" })
    .getByRole("link", { name: "Members" })
    .click();
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ada Owner/ })).toContainText("Owner");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByLabel("Note (optional)").fill("Vera in support");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel("Invite link").inputValue();
  // The pending link says who it is for and who made it, and its Revoke button names it.
  const pending = page.getByRole("table", { name: "Pending invitations" });
  await expect(
    pending.getByRole("row", { name: /Vera in support Viewer Ada Owner/ }),
  ).toBeVisible();
  await expect(
    pending.getByRole("button", { name: "Revoke the viewer invitation for Vera in support" }),
  ).toBeVisible();
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
