import { SMTPServer } from "smtp-server";
import { expect, test } from "./support/fixtures.ts";

// The worker of the e2e product sends through SMTP_URL: this port and password
// (playwright.config.ts), so this spec starts the SMTP server there.
const port = Number(process.env.AUTHDECK_E2E_PORT ?? 3210) + 2;
const password = process.env.AUTHDECK_E2E_SMTP_PASSWORD;

type Mail = { to: string[]; raw: string };
const mails: Mail[] = [];
let server: SMTPServer;

test.beforeAll(async () => {
  server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "authdeck" && auth.password === password)
        return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("an admin adds an email channel, sends a test event and it arrives at the SMTP server", async ({
  page,
  owner,
}) => {
  await page.goto(`/t/${owner.teamId}/notifications`);
  await page.getByRole("button", { name: "Add channel" }).click();
  const dialog = page.getByRole("dialog", { name: "Add channel" });
  await dialog.getByLabel("Kind").selectOption("email");
  await dialog.getByLabel("Name").fill("On-call mail");
  // The field says where this deployment sends email (SMTP_RECIPIENT_DOMAINS: example.com).
  await expect(dialog.getByText(/addresses at example\.com\./)).toBeVisible();
  await dialog.getByLabel("Email addresses").fill("oncall@example.com,\nnot an address");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog.getByText("Enter valid email addresses: not an address")).toBeVisible();
  // SMTP_RECIPIENT_DOMAINS is example.com here: another domain is refused.
  await dialog.getByLabel("Email addresses").fill("oncall@example.com,\nsomeone@evil.example");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(
    dialog.getByText(
      "This Authdeck sends email only to addresses at example.com: someone@evil.example",
    ),
  ).toBeVisible();
  await dialog.getByLabel("Email addresses").fill("oncall@example.com,\nlead@example.com");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog).toBeHidden();

  const channel = page.getByRole("region", { name: /On-call mail/ });
  await expect(channel).toContainText("Email");
  await expect(channel).toContainText("oncall@example.com, lead@example.com");
  await channel.getByRole("button", { name: "Send test event" }).click();
  const log = channel.getByRole("table", { name: "Delivery log" });
  const row = log.getByRole("row", { name: /channel\.test/ });
  await expect(row).toContainText("Delivered", { timeout: 20_000 });
  await expect(row).toContainText("SMTP 250");

  expect(mails).toHaveLength(1);
  expect(mails[0]!.to).toEqual(["oncall@example.com", "lead@example.com"]);
  expect(mails[0]!.raw).toContain("Event: channel.test");

  // A second press within 30 s is refused with the wait, and sends nothing.
  await channel.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText(/Wait \d+ s before sending another test event/)).toBeVisible();
  expect(mails).toHaveLength(1);
});
