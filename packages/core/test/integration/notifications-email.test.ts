// @module-tag resilience
import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import {
  claimDueDeliveries,
  createChannel,
  type DeliveryPolicy,
  deliverNotification,
  listChannels,
  listDeliveries,
  type MailSettings,
  sendTestEvent,
} from "../../src/notifications/index.ts";
import { createChannelInput } from "../../src/schemas/notification.ts";
import { EMAIL_NOT_SET_UP } from "../../src/shared/notification-events.ts";
import type { Member } from "../../src/teams/index.ts";
import { appErrorOf, createTeamWithMembers } from "../fixtures.ts";
import { profileWithSwitchableProvider, QUICK_LIMITS, useTokenRunKit } from "../token-runs.ts";

const kit = useTokenRunKit("notifications-email");

const SMTP_USER = "authdeck-mailer";
const SMTP_PASSWORD = "smtp-pa55/word:secret";

type Mail = { from: string; to: string[]; raw: string };

/**
 * A real SMTP server on loopback that asks for the user and password of SMTP_URL, keeps every
 * message it accepts, and refuses recipients with `reject` when told to.
 */
async function startSmtp(options: { reject?: { code: number; text: string } } = {}) {
  const mails: Mail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(`${auth.username}:${auth.password}`);
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, callback) {
      if (!options.reject) return callback();
      const refusal = Object.assign(new Error(options.reject.text), {
        responseCode: options.reject.code,
      });
      return callback(refusal);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const password = encodeURIComponent(SMTP_PASSWORD);
  return { mails, logins, url: `smtp://${SMTP_USER}:${password}@127.0.0.1:${port}` };
}

/** A TCP server that accepts connections and never says a word: no SMTP greeting. */
async function startSilentServer() {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close().catch(() => {})));
  // Each test delivers its own: what one leaves waiting must not be claimed by the next.
  await kit.db.notificationDelivery.deleteMany({ where: { status: "pending" } });
});

const QUICK_POLICY: DeliveryPolicy = { maxAttempts: 2, firstRetryMs: 20, pauseAfter: 5 };
const ctx = () => ({
  db: kit.db,
  sealer: kit.sealer,
  now: () => new Date(),
  emailDomains: ["example.com"] as readonly string[] | null,
});
const deliveryDeps = (mail: MailSettings) => ({
  db: kit.db,
  sealer: kit.sealer,
  now: () => new Date(),
  // The SMTP server is the operator's: these rules, which refuse loopback, do not apply to it.
  egressAllow: [],
  egressTeamMayAllow: [],
  deliveryPolicy: QUICK_POLICY,
  sendLimits: QUICK_LIMITS,
  mail,
});

/** Claims what is due and sends it, as the worker's scheduler and jobs do. */
async function deliverDue(mail: MailSettings) {
  const due = await claimDueDeliveries({ db: kit.db, now: () => new Date() }, { batch: 100 });
  return Promise.all(due.map((d) => deliverNotification(deliveryDeps(mail), d)));
}

async function deliverAll(mail: MailSettings) {
  const outcomes: string[] = [];
  for (let round = 0; round < 50; round++) {
    outcomes.push(...(await deliverDue(mail)));
    if ((await kit.db.notificationDelivery.count({ where: { status: "pending" } })) === 0)
      return outcomes;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new Error("deliveries still pending");
}

/** Adds an email channel with the input as the procedure reads it (the schema first). */
const addEmail = (member: Member, recipients: string[], deps = ctx()) => {
  const { teamId: _, ...settings } = createChannelInput.parse({
    teamId: member.teamId,
    kind: "email",
    name: "On-call mail",
    recipients,
    events: ["profile.refresh.failing", "profile.refresh.recovered"],
  });
  return createChannel(deps, member, settings);
};

/** Quoted-printable text as the bytes it stands for, read as UTF-8. */
const fromQuotedPrintable = (text: string) =>
  Buffer.from(
    text
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      ),
    "latin1",
  ).toString("utf8");

/** A header value with its RFC 2047 encoded words decoded (the space between two dropped). */
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : fromQuotedPrintable(text.replaceAll("_", " ")),
    );

/** The header lines of a raw message, folded lines unfolded and encoded words decoded. */
const headersOf = (raw: string) =>
  raw
    .slice(0, raw.indexOf("\r\n\r\n"))
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")
    .map(decodeWords);
const bodyOf = (raw: string) => fromQuotedPrintable(raw.slice(raw.indexOf("\r\n\r\n") + 4));

/** A profile whose provider can be switched to failing with `errorText`, and its owner. */
const switchableProfile = (errorText = "the client is not known") =>
  profileWithSwitchableProvider(kit, {
    accessToken: "tok-mail-abc123456",
    clientSecret: "mail-client-secret-1",
    errorText,
  });

describe("email notifications", () => {
  it("a refresh that starts failing sends exactly one email through the SMTP_URL login, and its recovery another", async () => {
    const smtp = await startSmtp();
    const mail = {
      url: smtp.url,
      from: "Authdeck <alerts@authdeck.test>",
      recipientDomains: ["example.com"],
    };
    const { saved, provider, refresh, admin } = await switchableProfile();
    const { id: channelId } = await addEmail(admin, ["oncall@example.com", "lead@example.com"]);

    expect(await refresh()).toBe("refreshed");
    provider.working = false;
    for (let i = 0; i < 4; i++) expect(await refresh()).toBe("failed");
    expect(await deliverAll(mail)).toEqual(["delivered"]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.logins).toEqual([`${SMTP_USER}:${SMTP_PASSWORD}`]);

    const [failing] = smtp.mails;
    expect(failing!.from).toBe("alerts@authdeck.test");
    expect(failing!.to).toEqual(["oncall@example.com", "lead@example.com"]);
    const headers = headersOf(failing!.raw);
    expect(headers).toContain(
      'Subject: Authdeck: token refresh is failing for profile "Carrier API"',
    );
    // Blind copies: no recipient reads the others' addresses; one message id per delivery.
    expect(headers).not.toContain("oncall@example.com");
    expect(headers).not.toContain("lead@example.com");
    const [firstDelivery] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(headers).toContain(`Message-ID: <${firstDelivery!.id}@authdeck>`);
    const body = bodyOf(failing!.raw);
    expect(body).toContain("Event: profile.refresh.failing");
    expect(body).toContain("Profile: Carrier API");
    expect(body).toContain("App: assistant");
    expect(body).toMatch(/Error: .+: .+/);
    expect(body).toContain(
      `Link: /t/${saved.teamId}/apps/${saved.appId}/profiles/${saved.profileId}`,
    );

    provider.working = true;
    expect(await refresh()).toBe("refreshed");
    await deliverAll(mail);
    expect(smtp.mails).toHaveLength(2);
    expect(headersOf(smtp.mails[1]!.raw)).toContain(
      'Subject: Authdeck: token refresh recovered for profile "Carrier API"',
    );

    const log = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(log.map((d) => [d.status, d.httpStatus])).toEqual([
      ["delivered", 250],
      ["delivered", 250],
    ]);
    const everything = JSON.stringify([
      smtp.mails,
      await kit.db.notificationDelivery.findMany(),
      await kit.db.notificationChannel.findMany(),
    ]);
    for (const secret of ["mail-client-secret-1", "tok-mail-abc123456", SMTP_PASSWORD])
      expect(everything).not.toContain(secret);
  });

  it("sends only to SMTP_RECIPIENT_DOMAINS: a channel to another domain is refused, and a narrower list at send time wins", async () => {
    const smtp = await startSmtp();
    const team = await createTeamWithMembers(ctx(), "Mail domains");
    const admin = await team.as("admin");

    const outside = await appErrorOf(
      addEmail(admin, ["oncall@example.com", "victim@evil.example"]),
    );
    expect(outside.details.fieldErrors).toEqual({
      recipients: "This Authdeck sends email only to addresses at example.com: victim@evil.example",
    });
    // A subdomain of a listed domain is at that domain; a look-alike is not.
    expect(
      (await appErrorOf(addEmail(admin, ["a@notexample.com"]))).details.fieldErrors,
    ).toHaveProperty("recipients");
    expect(await kit.db.notificationChannel.count({ where: { teamId: team.team.id } })).toBe(0);
    const { id: channelId } = await addEmail(admin, ["ops@eu.example.com", "lead@example.org"], {
      ...ctx(),
      emailDomains: ["example.com", "example.org"],
    });

    // The operator has since narrowed the list to example.com.
    const mail = { url: smtp.url, from: "alerts@authdeck.test", recipientDomains: ["example.com"] };
    await sendTestEvent({ ...ctx(), testEventGapMs: 0 }, admin, { channelId });
    expect(await deliverDue(mail)).toEqual(["delivered"]);
    expect(smtp.mails.map((m) => m.to)).toEqual([["ops@eu.example.com"]]);
    const [sent] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(sent!.error).toBe("1 address(es) not sent to: outside SMTP_RECIPIENT_DOMAINS");

    await sendTestEvent({ ...ctx(), testEventGapMs: 0 }, admin, { channelId });
    expect(await deliverDue({ ...mail, recipientDomains: ["example.net"] })).toEqual(["retrying"]);
    expect(smtp.mails).toHaveLength(1);
    const [refused] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(refused!.error).toBe(
      "None of the channel's addresses is at a domain in SMTP_RECIPIENT_DOMAINS (example.net)",
    );
  });

  it("CR/LF in a name or a provider's error does not add a mail header", async () => {
    const smtp = await startSmtp();
    const mail = { url: smtp.url, from: "alerts@authdeck.test", recipientDomains: ["example.com"] };
    const { saved, provider, refresh, admin } = await switchableProfile(
      "denied\r\nBcc: victim@evil.example\r\nX-Injected: error",
    );
    // Names are refused with control characters on save; one stored before that rule, or by
    // another path, must still not reach the headers.
    await kit.db.authorizationProfile.update({
      where: { id: saved.profileId },
      data: { name: "Carrier\r\nBcc: victim@evil.example\r\nX-Injected: name" },
    });
    await addEmail(admin, ["oncall@example.com"]);
    await refresh();
    provider.working = false;
    for (let i = 0; i < 4; i++) await refresh();
    await deliverAll(mail);

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(["oncall@example.com"]);
    const headers = headersOf(smtp.mails[0]!.raw);
    expect(headers.filter((h) => /^(bcc|x-injected):/i.test(h))).toEqual([]);
    expect(headers.filter((h) => /^subject:/i.test(h))).toHaveLength(1);
    const body = bodyOf(smtp.mails[0]!.raw);
    expect(body).not.toMatch(/^(Bcc|X-Injected):/m);
  });

  it("a server that refuses the recipients makes the delivery retry, then fail with the SMTP code, never the password", async () => {
    const smtp = await startSmtp({ reject: { code: 550, text: "Mailbox unavailable" } });
    const mail = { url: smtp.url, from: "alerts@authdeck.test", recipientDomains: ["example.com"] };
    const team = await createTeamWithMembers(ctx(), "Refused mail");
    const admin = await team.as("admin");
    const { id: channelId } = await addEmail(admin, ["nobody@example.com"]);
    await sendTestEvent(ctx(), admin, { channelId });

    expect(await deliverDue(mail)).toEqual(["retrying"]);
    const [retrying] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(retrying).toMatchObject({ status: "pending", attempts: 1, httpStatus: 550 });
    expect(retrying!.error).toContain("Mailbox unavailable");

    await deliverAll(mail);
    const [failed] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(failed).toMatchObject({ status: "failed", attempts: 2, httpStatus: 550 });
    expect(smtp.mails).toHaveLength(0);
    const rows = JSON.stringify([
      await kit.db.notificationDelivery.findMany({ where: { channelId } }),
      await kit.db.notificationChannel.findMany({ where: { id: channelId } }),
    ]);
    for (const secret of [SMTP_PASSWORD, encodeURIComponent(SMTP_PASSWORD), smtp.url])
      expect(rows).not.toContain(secret);
  });

  it("a wrong SMTP password is recorded as the server's answer, without the password", async () => {
    const smtp = await startSmtp();
    const wrong = smtp.url.replace(encodeURIComponent(SMTP_PASSWORD), "wrong-password-42");
    const team = await createTeamWithMembers(ctx(), "Wrong login");
    const admin = await team.as("admin");
    const { id: channelId } = await addEmail(admin, ["oncall@example.com"]);
    await sendTestEvent(ctx(), admin, { channelId });
    expect(
      await deliverDue({
        url: wrong,
        from: "alerts@authdeck.test",
        recipientDomains: ["example.com"],
      }),
    ).toEqual(["retrying"]);
    const [row] = await kit.db.notificationDelivery.findMany({ where: { channelId } });
    expect(row!.httpStatus).toBe(535);
    expect(JSON.stringify(row)).not.toContain("wrong-password-42");
    expect(JSON.stringify(row)).not.toContain(SMTP_USER);
  });

  it("an SMTP server that never greets times out within the delivery's limits and counts as failed", async () => {
    const url = await startSilentServer();
    const team = await createTeamWithMembers(ctx(), "Silent server");
    const admin = await team.as("admin");
    const { id: channelId } = await addEmail(admin, ["oncall@example.com"]);
    await sendTestEvent(ctx(), admin, { channelId });

    const started = Date.now();
    expect(
      await deliverDue({ url, from: "alerts@authdeck.test", recipientDomains: ["example.com"] }),
    ).toEqual(["retrying"]);
    expect(Date.now() - started).toBeLessThan(QUICK_LIMITS.totalMs + 1_000);
    const [row] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(row).toMatchObject({ status: "pending", attempts: 1, httpStatus: null });
    expect(row!.error).toMatch(/greeting|timed? ?out/i);
    expect(row!.error).not.toContain(SMTP_PASSWORD);
  });

  it("a worker without SMTP settings fails email deliveries with the reason", async () => {
    const team = await createTeamWithMembers(ctx(), "No SMTP");
    const admin = await team.as("admin");
    const { id: channelId } = await addEmail(admin, ["oncall@example.com"]);
    await sendTestEvent(ctx(), admin, { channelId });
    const due = await claimDueDeliveries({ db: kit.db, now: () => new Date() }, { batch: 10 });
    const deps = {
      ...deliveryDeps({ url: "smtp://unused", from: "a@b.co", recipientDomains: ["example.com"] }),
      mail: null,
    };
    expect(await Promise.all(due.map((d) => deliverNotification(deps, d)))).toEqual(["retrying"]);
    const [row] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(row!.error).toBe(
      "Email is not set up on the worker: set SMTP_URL, SMTP_FROM and SMTP_RECIPIENT_DOMAINS",
    );
  });
});

describe("email channels", () => {
  it("keeps the addresses in clear for every member, refuses bad ones field by field, and needs SMTP settings", async () => {
    const team = await createTeamWithMembers(ctx(), "Addresses");
    const admin = await team.as("admin");
    await addEmail(admin, ["oncall@example.com", " OnCall@example.com ", "lead@example.com"]);
    const [channel] = await listChannels(ctx(), await team.as("viewer"));
    expect(channel).toMatchObject({
      kind: "email",
      recipients: ["oncall@example.com", "lead@example.com"],
      target: "oncall@example.com, lead@example.com",
    });
    const refused = createChannelInput.safeParse({
      teamId: team.team.id,
      kind: "email",
      name: "Bad",
      recipients: ["ok@example.com", "not-an-address", "two@example.com three@example.com"],
      events: ["profile.refresh.failing"],
    });
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      [
        "recipients",
        "Enter valid email addresses: not-an-address, two@example.com three@example.com",
      ],
    ]);
    const tooMany = Array.from({ length: 11 }, (_, i) => `person${i}@example.com`);
    const many = createChannelInput.safeParse({
      teamId: team.team.id,
      kind: "email",
      name: "Many",
      recipients: tooMany,
      events: ["profile.refresh.failing"],
    });
    expect(many.error?.issues[0]?.message).toBe("Enter at most 10 email addresses");
    const stored = await kit.db.notificationChannel.findFirstOrThrow({
      where: { id: channel!.id },
    });
    expect(stored.urlSealed).toBeNull();
    expect(stored.signingSecretSealed).toBeNull();

    const viewer = await appErrorOf(addEmail(await team.as("viewer"), ["a@example.com"]));
    expect(viewer.code).toBe("FORBIDDEN");
    const unset = await appErrorOf(
      addEmail(admin, ["a@example.com"], { ...ctx(), emailDomains: null }),
    );
    expect(unset.code).toBe("INVALID");
    expect(unset.details.fieldErrors).toEqual({ kind: EMAIL_NOT_SET_UP });
    expect(await kit.db.notificationChannel.count({ where: { teamId: team.team.id } })).toBe(1);
  });

  it("a second test event within 30 s is refused with the wait, for every kind", async () => {
    const team = await createTeamWithMembers(ctx(), "Test gap");
    const admin = await team.as("admin");
    const { id: channelId } = await addEmail(admin, ["oncall@example.com"]);
    let now = new Date("2026-12-07T09:00:00Z");
    const clocked = { ...ctx(), now: () => now };
    await sendTestEvent(clocked, admin, { channelId });
    now = new Date("2026-12-07T09:00:12Z");
    const refused = await appErrorOf(sendTestEvent(clocked, admin, { channelId }));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.message).toBe("Wait 18 s before sending another test event");
    now = new Date("2026-12-07T09:00:30Z");
    await sendTestEvent(clocked, admin, { channelId });
    expect(await kit.db.notificationDelivery.count({ where: { channelId } })).toBe(2);

    const webhook = await createChannel(ctx(), admin, {
      kind: "webhook",
      name: "Hook",
      url: "https://hooks.example.com/x",
      events: ["profile.refresh.failing"],
      appIds: [],
    });
    await sendTestEvent(clocked, admin, { channelId: webhook.id });
    const again = await appErrorOf(sendTestEvent(clocked, admin, { channelId: webhook.id }));
    expect(again.code).toBe("RATE_LIMITED");
  });
});
