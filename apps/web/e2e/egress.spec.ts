import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";

test("an admin lists a private identity provider, and a bad rule is refused at its field", async ({
  page,
}) => {
  const teamId = await signUp(page, {
    name: "Olga Owner",
    email: uniqueEmail("egress"),
    teamName: "Private IdPs",
  });
  await page.goto(`/t/${teamId}/members`);
  const rules = page.getByLabel("Private hosts and ranges");

  await rules.fill("10.0.0.0/99");
  await page.getByRole("button", { name: "Save allowlist" }).click();
  await expect(page.getByText('"10.0.0.0/99" is not a CIDR range')).toBeVisible();

  await rules.fill("idp.internal\n10.20.0.0/16");
  await page.getByRole("button", { name: "Save allowlist" }).click();
  await expect(page.getByText("Egress allowlist saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Private hosts and ranges")).toHaveValue(
    "idp.internal\n10.20.0.0/16",
  );
});
