// @module-tag resilience
import { writeToServerDatabase } from "./support/database.ts";
import { expect, test } from "./support/fixtures.ts";

// scripts/e2e-server.sh lets teams open AUTHDECK_EGRESS_TEAM_MAY_ALLOW=10.20.0.0/16,idp.internal.

test("an admin lists a private identity provider the operator lets teams open; anything else is refused at its field", async ({
  page,
  owner: { teamId },
}) => {
  await page.goto(`/t/${teamId}/members`);
  const rules = page.getByLabel("Private hosts and ranges");
  const save = page.getByRole("button", { name: "Save allowlist" });

  for (const [rule, why] of [
    ["10.0.0.0/99", '"10.0.0.0/99" is not a CIDR range'],
    ["0.0.0.0/0", '"0.0.0.0/0" is a catch-all'],
    ["169.254.169.254", '"169.254.169.254" is a link-local or cloud metadata address'],
    ["localhost", '"localhost" is outside what this deployment lets teams allow'],
  ] as const) {
    await rules.fill(rule);
    await save.click();
    await expect(page.getByText(why)).toBeVisible();
  }

  await rules.fill("idp.internal\n10.20.0.0/16");
  await save.click();
  await expect(page.getByText("Egress allowlist saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Private hosts and ranges")).toHaveValue(
    "idp.internal\n10.20.0.0/16",
  );
  await expect(page.getByText("Not in effect")).toHaveCount(0);
});

test("a rule stored before the operator's limit is listed as not in effect, with why", async ({
  page,
  owner: { teamId },
}) => {
  // As a team that saved its rules before there was a limit.
  await writeToServerDatabase((db) =>
    db.team.update({
      where: { id: teamId },
      data: { egressAllowlist: ["10.20.0.0/16", "127.0.0.0/8"] },
    }),
  );

  await page.goto(`/t/${teamId}/members`);
  await expect(page.getByLabel("Private hosts and ranges")).toHaveValue(
    "10.20.0.0/16\n127.0.0.0/8",
  );
  const note = page.getByRole("note");
  await expect(note).toContainText("Not in effect: token requests ignore these rules");
  await expect(note.getByRole("listitem")).toHaveText([
    '"127.0.0.0/8" is outside what this deployment lets teams allow (its operator\'s AUTHDECK_EGRESS_TEAM_MAY_ALLOW)',
  ]);
});
