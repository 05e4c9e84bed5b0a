// @module-tag resilience
import type { Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/accounts.ts";
import { createApp, trpcMutation, trpcQuery } from "./support/apps.ts";
import { expect, type MemberOf, test } from "./support/fixtures.ts";

/**
 * The Tokens page of a viewer follows the team's tokens live. Once the viewer is removed, or
 * signs out in another tab, the page must say that live updates stopped and why, within the
 * server's re-check interval (5 s), rather than go on receiving or hang quietly.
 */

test.describe.configure({ timeout: 120_000 });

const RECHECK_MS = 5_000;

/** An owner's team with an app, and a viewer who joined it through an invitation. */
async function teamWithViewer(owner: Page, memberOf: MemberOf, name: string) {
  const teamId = await signUp(owner, {
    name: `${name} Owner`,
    email: uniqueEmail("live-owner"),
    teamName: `${name} ${Date.now().toString(36)}`,
  });
  const appId = await createApp(owner, "Live app");
  const viewer = await memberOf(owner, teamId, "viewer", `${name} Viewer`);
  await viewer.goto(`/t/${teamId}/apps/${appId}/tokens`);
  await expect(viewer.getByText("Live", { exact: true })).toBeVisible();
  return { teamId, appId, viewer };
}

test("a viewer removed while their Tokens page is open is told live updates stopped", async ({
  page,
  memberOf,
}) => {
  const { teamId, viewer } = await teamWithViewer(page, memberOf, "Removal");
  const members = await trpcQuery<Array<{ userId: string; role: string }>>(page, "member.list", {
    teamId,
  });
  const viewerId = members.find((m) => m.role === "viewer")!.userId;

  const removedAt = Date.now();
  await trpcMutation(page, "member.remove", { teamId, userId: viewerId });

  await expect(viewer.getByText("Live updates stopped: Team not found")).toBeVisible({
    timeout: RECHECK_MS + 3_000,
  });
  console.info(`removed viewer told ${Date.now() - removedAt} ms after the removal`);
  await expect(viewer.getByRole("button", { name: "Reconnect" })).toBeVisible();
});

test("a Tokens page left open after signing out in another tab says the session ended", async ({
  page,
  memberOf,
}) => {
  const { viewer } = await teamWithViewer(page, memberOf, "Sign-out");
  const otherTab = await viewer.context().newPage();
  await otherTab.goto("/");
  await otherTab.getByRole("button", { name: /^Account: / }).click();
  await otherTab.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(otherTab).toHaveURL(/\/sign-in/);
  const signedOutAt = Date.now();

  await expect(
    viewer.getByText(
      "Live updates stopped: Your session has ended: sign in again to see live updates",
    ),
  ).toBeVisible({ timeout: RECHECK_MS + 3_000 });
  console.info(`signed-out tab told ${Date.now() - signedOutAt} ms after signing out`);
});
