import { type ApiServer, startApiServer } from "@authdeck/test-support";
import { Webhook } from "standardwebhooks";
import { expect, test } from "./support/fixtures.ts";

let receiver: ApiServer;
test.beforeEach(async () => {
  receiver = await startApiServer();
  receiver.answer(() => ({ status: 204 }));
});
test.afterEach(async () => {
  await receiver.close();
});

test("an admin adds a webhook channel, sends a test event and sees it delivered in the log", async ({
  page,
  owner,
}) => {
  await page.goto(`/t/${owner.teamId}`);
  await page
    .getByRole("navigation", { name: "Team" })
    .getByRole("link", { name: "Notifications" })
    .click();
  await expect(page.getByRole("heading", { name: "Notifications", exact: true })).toBeVisible();
  await expect(page.getByText("No notification channels yet")).toBeVisible();

  await page.getByRole("button", { name: "Add channel" }).click();
  const dialog = page.getByRole("dialog", { name: "Add channel" });
  await dialog.getByLabel("Name").fill("On-call");
  await dialog.getByLabel("URL").fill("not a url");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog.getByText("Enter a full http:// or https:// URL")).toBeVisible();
  await dialog.getByLabel("URL").fill(`${receiver.url}/hooks`);
  await dialog.getByRole("button", { name: "Add channel" }).click();

  const shown = page.getByRole("dialog", { name: "Channel added" });
  const secret = await shown.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
  await expect(page.getByText(secret)).toHaveCount(0);

  const channel = page.getByRole("region", { name: /On-call/ });
  // Every member sees the endpoint's origin only: a webhook's path or query can be a credential.
  await expect(channel).toContainText(`${new URL(receiver.url).origin}/…`);
  await expect(channel.getByText("/hooks")).toHaveCount(0);
  await expect(channel).toContainText("All apps");
  await channel.getByRole("button", { name: "Send test event" }).click();
  const log = channel.getByRole("table", { name: "Delivery log" });
  const row = log.getByRole("row", { name: /channel\.test/ });
  await expect(row).toContainText("Delivered", { timeout: 20_000 });
  await expect(row).toContainText("HTTP 204");

  expect(receiver.calls).toHaveLength(1);
  const [call] = receiver.calls;
  const headers = {
    "webhook-id": String(call!.headers["webhook-id"]),
    "webhook-timestamp": String(call!.headers["webhook-timestamp"]),
    "webhook-signature": String(call!.headers["webhook-signature"]),
  };
  expect(new Webhook(secret).verify(call!.body, headers)).toMatchObject({ type: "channel.test" });
});

test("a viewer sees the channels but cannot add or change them", async ({
  page,
  owner,
  memberOf,
}) => {
  await page.goto(`/t/${owner.teamId}/notifications`);
  await page.getByRole("button", { name: "Add channel" }).click();
  const dialog = page.getByRole("dialog", { name: "Add channel" });
  await dialog.getByLabel("Kind").selectOption("slack");
  await dialog.getByLabel("Name").fill("Ops room");
  await dialog.getByLabel("URL").fill(`${receiver.url}/services/T0/B0/slack-secret-path`);
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog).toBeHidden();

  const viewer = await memberOf(page, owner.teamId, "viewer");
  await viewer.goto(`/t/${owner.teamId}/notifications`);
  const channel = viewer.getByRole("region", { name: /Ops room/ });
  await expect(channel).toContainText("Slack");
  await expect(viewer.getByText("slack-secret-path")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Add channel" })).toHaveCount(0);
  await expect(channel.getByRole("button", { name: "Send test event" })).toHaveCount(0);
  await expect(channel.getByRole("button", { name: /Delete/ })).toHaveCount(0);
});

test("a channel can take only the expiry reminders and the unused API key event", async ({
  page,
  owner,
}) => {
  await page.goto(`/t/${owner.teamId}/notifications`);
  await page.getByRole("button", { name: "Add channel" }).click();
  const dialog = page.getByRole("dialog", { name: "Add channel" });
  await dialog.getByLabel("Name").fill("Renewals");
  await dialog.getByLabel("URL").fill(`${receiver.url}/hooks`);
  const events = dialog.getByRole("group", { name: "Events" });
  for (const failure of [
    "Token refresh failing",
    "Token refresh recovered",
    "Health check failing",
    "Health check recovered",
    "Client certificate expiring",
  ])
    await events.getByRole("checkbox", { name: failure }).uncheck();
  await expect(events.getByRole("checkbox", { name: "Client secret expiring" })).toBeChecked();
  await expect(events.getByRole("checkbox", { name: "API key unused for 90 days" })).toBeChecked();
  await expect(dialog).toContainText("expiries 30, 7 and 1 days ahead and once expired");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await page
    .getByRole("dialog", { name: "Channel added" })
    .getByRole("button", { name: "Done" })
    .click();

  const channel = page.getByRole("region", { name: /Renewals/ });
  await expect(channel).toContainText("Client secret expiring, API key unused for 90 days");
});
