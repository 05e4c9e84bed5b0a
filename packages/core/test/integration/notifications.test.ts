// @module-tag resilience
// @module-tag redis-queue
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApiServer, startApiServer, waitFor } from "@authdeck/test-support";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { rotateSealedSecrets } from "../../src/crypto/rotate.ts";
import {
  claimDueHealthChecks,
  createApiProbe,
  runHealthCheck,
  saveHealthCheck,
} from "../../src/health-checks/index.ts";
import { openChannelSecrets, sealChannelUrl } from "../../src/notifications/channel-secrets.ts";
import {
  claimDueDeliveries,
  createChannel,
  DELIVERY_LEASE_MS,
  type DeliveryPolicy,
  deleteChannel,
  deliverNotification,
  listChannels,
  listDeliveries,
  MAX_CHANNELS_PER_TEAM,
  pauseChannel,
  pruneDeliveries,
  resumeChannel,
  scheduleDueDeliveries,
  sendTestEvent,
} from "../../src/notifications/index.ts";
import { createChannelInput } from "../../src/schemas/notification.ts";
import type { NotificationEvent } from "../../src/shared/notification-events.ts";
import type { Member } from "../../src/teams/index.ts";
import { refreshTokenState } from "../../src/tokens/index.ts";
import { appErrorOf, createTeamWithMembers } from "../fixtures.ts";
import {
  loopbackRefresher,
  ownerOf,
  profileWithSwitchableProvider,
  QUICK_LIMITS,
  saveProfile,
  sealerOf,
  useTokenRunKit,
} from "../token-runs.ts";

const kit = useTokenRunKit("notifications");

type Received = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback that can go away and come back on the same port. */
async function startReceiver(answer = 200) {
  const received: Received[] = [];
  let status = answer;
  let delayMs = 0;
  const listen = (server: Server, port: number) =>
    new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  const make = () =>
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        setTimeout(() => {
          res.writeHead(status, { "Content-Type": "text/plain" });
          res.end(status < 300 ? "thanks" : "receiver is broken");
        }, delayMs);
      });
    });
  let server = make();
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const receiver = {
    url: `http://127.0.0.1:${port}/hooks/authdeck`,
    received,
    answer: (next: number) => {
      status = next;
    },
    /** Answers each request this long after it arrived. */
    delay: (ms: number) => {
      delayMs = ms;
    },
    stop,
    async start() {
      server = make();
      await listen(server, port);
    },
  };
  receivers.push(receiver);
  return receiver;
}
const receivers: Array<{ stop: () => Promise<void> }> = [];
const apis: ApiServer[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop().catch(() => {})));
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

const QUICK_POLICY: DeliveryPolicy = { maxAttempts: 3, firstRetryMs: 20, pauseAfter: 2 };
const deliveryDeps = (policy: DeliveryPolicy = QUICK_POLICY) => ({
  db: kit.db,
  sealer: kit.sealer,
  now: () => new Date(),
  egressAllow: ["127.0.0.0/8"],
  egressTeamMayAllow: [],
  deliveryPolicy: policy,
  sendLimits: QUICK_LIMITS,
});
// These tests queue test events back to back to make deliveries; the gap has its own test.
const ctx = () => ({
  db: kit.db,
  sealer: kit.sealer,
  now: () => new Date(),
  emailDomains: null,
  testEventGapMs: 0,
});

/** Claims what is due and sends it, as the worker's scheduler and jobs do. */
async function deliverDue(policy?: DeliveryPolicy) {
  const due = await claimDueDeliveries({ db: kit.db, now: () => new Date() }, { batch: 100 });
  return Promise.all(due.map((d) => deliverNotification(deliveryDeps(policy), d)));
}

/** Delivers until nothing is pending any more (waiting out the retries' short backoff). */
async function deliverAll(policy?: DeliveryPolicy) {
  for (let round = 0; round < 50; round++) {
    await deliverDue(policy);
    if ((await kit.db.notificationDelivery.count({ where: { status: "pending" } })) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new Error("deliveries still pending");
}

const addWebhook = (member: Member, url: string, events: NotificationEvent[]) =>
  createChannel(ctx(), member, { kind: "webhook", name: "On-call", url, events, appIds: [] });

/** A profile whose provider can be switched to failing, and its team's owner. */
const switchableProfile = () =>
  profileWithSwitchableProvider(kit, {
    accessToken: "tok-notify-abc123456",
    clientSecret: "notify-client-secret-1",
  });
const resolveAdmin = (saved: { teamId: string }) => ownerOf(kit.db, saved.teamId);

const typesOf = (received: Received[]) =>
  received.map((r) => (JSON.parse(r.body) as { type: string }).type);

describe("refresh notifications", () => {
  it("a provider that starts failing gives exactly one signed 'failing', and one 'recovered' once it heals", async () => {
    const { saved, provider, refresh, admin } = await switchableProfile();
    const receiver = await startReceiver();
    const { signingSecret } = await addWebhook(admin, receiver.url, [
      "profile.refresh.failing",
      "profile.refresh.recovered",
    ]);
    expect(signingSecret).toMatch(/^whsec_/);

    expect(await refresh()).toBe("refreshed");
    provider.working = false;
    for (let i = 0; i < 5; i++) expect(await refresh()).toBe("failed");
    await deliverAll();
    expect(typesOf(receiver.received)).toEqual(["profile.refresh.failing"]);

    provider.working = true;
    expect(await refresh()).toBe("refreshed");
    expect(await refresh()).toBe("refreshed");
    await deliverAll();
    expect(typesOf(receiver.received)).toEqual([
      "profile.refresh.failing",
      "profile.refresh.recovered",
    ]);

    const webhook = new Webhook(signingSecret as string);
    for (const message of receiver.received) {
      const headers = {
        "webhook-id": String(message.headers["webhook-id"]),
        "webhook-timestamp": String(message.headers["webhook-timestamp"]),
        "webhook-signature": String(message.headers["webhook-signature"]),
      };
      expect(headers["webhook-signature"]).toMatch(/^v1,/);
      expect(webhook.verify(message.body, headers)).toBeTruthy();
      // A body changed on the way fails verification.
      expect(() => webhook.verify(`${message.body} `, headers)).toThrow();
    }
    const failing = JSON.parse(receiver.received[0]!.body);
    expect(failing).toMatchObject({
      type: "profile.refresh.failing",
      team: { id: saved.teamId },
      app: { id: saved.appId, name: "assistant" },
      profile: { id: saved.profileId, name: "Carrier API" },
      link: `/t/${saved.teamId}/apps/${saved.appId}/profiles/${saved.profileId}`,
      error: { class: expect.any(String), message: expect.any(String) },
    });
    expect(Date.parse(failing.timestamp)).not.toBeNaN();
    const everything = JSON.stringify([
      receiver.received,
      await kit.db.notificationDelivery.findMany(),
      await listChannels(ctx(), admin),
    ]);
    for (const secret of [
      signingSecret as string,
      "notify-client-secret-1",
      "tok-notify-abc123456",
    ])
      expect(everything).not.toContain(secret);
  });

  it("channels hear only the events and apps they chose", async () => {
    const { provider, refresh, admin, saved } = await switchableProfile();
    const onlyRecovered = await startReceiver();
    const otherApp = await startReceiver();
    // Takes the event for every app: it hears it, so the two others stay silent by choice.
    const control = await startReceiver();
    await addWebhook(admin, control.url, ["profile.refresh.failing"]);
    await addWebhook(admin, onlyRecovered.url, ["profile.refresh.recovered"]);
    const app = await kit.db.app.create({ data: { teamId: saved.teamId, name: "other app" } });
    await createChannel(ctx(), admin, {
      kind: "webhook",
      name: "Other app",
      url: otherApp.url,
      events: ["profile.refresh.failing"],
      appIds: [app.id],
    });
    provider.working = false;
    for (let i = 0; i < 3; i++) await refresh();
    await deliverAll();
    expect(typesOf(control.received)).toEqual(["profile.refresh.failing"]);
    expect(onlyRecovered.received).toHaveLength(0);
    expect(otherApp.received).toHaveLength(0);
  });
});

describe("health check notifications", () => {
  it("failing and recovered produce one delivery each", async () => {
    const tokens = await kit.serve();
    const api = await startApiServer();
    apis.push(api);
    const saved = await saveProfile(kit, {
      name: "Health API",
      identityProviderName: "Recorder",
      clientId: "client-1",
      clientSecret: "health-notify-secret",
      tokenRequestUrl: tokens.urlFor("ok"),
      apiBaseUrl: `${api.url}/v2`,
    });
    const admin = await resolveAdmin(saved);
    const receiver = await startReceiver();
    await addWebhook(admin, receiver.url, ["profile.health.failing", "profile.health.recovered"]);
    const { id } = await saveHealthCheck(ctx(), saved.member, {
      appId: saved.appId,
      profileId: saved.profileId,
      check: {
        enabled: true,
        intervalMinutes: 5,
        method: "GET",
        path: "/status",
        tenant: "",
        expectedStatus: 200,
      } as Parameters<typeof saveHealthCheck>[2]["check"],
    });
    const probe = createApiProbe({
      ...loopbackRefresher(kit),
      egressTeamMayAllow: [],
      refresh: async (state) => {
        await refreshTokenState(loopbackRefresher(kit), { stateId: state.id });
      },
    });
    const runNow = async () => {
      await kit.db.healthCheck.update({ where: { id }, data: { nextCheckAt: new Date() } });
      const claimed = await claimDueHealthChecks(
        { db: kit.db, now: () => new Date() },
        { horizonMs: 1_000, batch: 100 },
      );
      const mine = claimed.find((c) => c.checkId === id)!;
      return runHealthCheck(
        { db: kit.db, now: () => new Date(), probe, publish: async () => {} },
        { checkId: id, lease: mine.lease },
      );
    };

    expect(await runNow()).toBe("healthy");
    api.answer(() => ({ status: 503, body: "down" }));
    expect(await runNow()).toBe("failing");
    expect(await runNow()).toBe("failing");
    api.answer(() => ({ status: 200, body: "ok" }));
    expect(await runNow()).toBe("healthy");
    expect(await runNow()).toBe("healthy");
    await deliverAll();

    expect(typesOf(receiver.received)).toEqual([
      "profile.health.failing",
      "profile.health.recovered",
    ]);
    expect(JSON.parse(receiver.received[0]!.body).error).toEqual({
      class: "unexpected_status",
      message: "The API answered 503; the check expects 200",
    });
  });
});

describe("deliveries", () => {
  it("a receiver that is down for a while gets the delivery once it is back, and the log shows each attempt", async () => {
    const team = await createTeamWithMembers(ctx(), "Down receiver");
    const admin = await team.as("admin");
    const receiver = await startReceiver();
    const { id: channelId } = await addWebhook(admin, receiver.url, ["profile.refresh.failing"]);
    await receiver.stop();

    await sendTestEvent(ctx(), admin, { channelId });
    expect(await deliverDue()).toEqual(["retrying"]);
    const [waiting] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, httpStatus: null });
    expect(waiting!.error).toBeTruthy();

    await receiver.start();
    await deliverAll();
    expect(typesOf(receiver.received)).toEqual(["channel.test"]);
    const [done] = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(done).toMatchObject({
      status: "delivered",
      attempts: 2,
      httpStatus: 200,
      error: null,
      responseExcerpt: "thanks",
    });
    expect(done!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("a job that starts late in its claim renews it first, so the row is not claimed and sent again while it sends", async () => {
    const team = await createTeamWithMembers(ctx(), "Late job");
    const admin = await team.as("admin");
    const receiver = await startReceiver();
    receiver.delay(500);
    const { id: channelId } = await addWebhook(admin, receiver.url, ["profile.refresh.failing"]);
    await sendTestEvent(ctx(), admin, { channelId });
    let now = Date.now();
    const clock = () => new Date(now);
    const [claim] = await claimDueDeliveries({ db: kit.db, now: clock }, { batch: 10 });

    // The job waited in the queue: it starts one second before the claim's lease runs out,
    // and the receiver is still answering when it has.
    now += DELIVERY_LEASE_MS - 1_000;
    const sending = deliverNotification({ ...deliveryDeps(), now: clock }, claim!);
    await waitFor(() => receiver.received.length === 1);
    now += 2_000;
    expect(await claimDueDeliveries({ db: kit.db, now: clock }, { batch: 10 })).toEqual([]);

    expect(await sending).toBe("delivered");
    expect(receiver.received).toHaveLength(1);
  });

  it("a job whose claim was taken over leaves the delivery to the new one", async () => {
    const team = await createTeamWithMembers(ctx(), "Taken over");
    const admin = await team.as("admin");
    const receiver = await startReceiver();
    const { id: channelId } = await addWebhook(admin, receiver.url, ["profile.refresh.failing"]);
    await sendTestEvent(ctx(), admin, { channelId });
    let now = Date.now();
    const clock = () => new Date(now);
    const [first] = await claimDueDeliveries({ db: kit.db, now: clock }, { batch: 10 });
    now += DELIVERY_LEASE_MS + 1_000;
    const [second] = await claimDueDeliveries({ db: kit.db, now: clock }, { batch: 10 });

    expect(await deliverNotification({ ...deliveryDeps(), now: clock }, first!)).toBe("skipped");
    expect(await deliverNotification({ ...deliveryDeps(), now: clock }, second!)).toBe("delivered");
    expect(receiver.received).toHaveLength(1);
  });

  it("a channel whose URL no sealing key opens fails its deliveries and is paused, not claimed forever", async () => {
    const team = await createTeamWithMembers(ctx(), "Dropped key");
    const admin = await team.as("admin");
    const { id: channelId } = await addWebhook(admin, "https://hooks.example.com/k", [
      "profile.refresh.failing",
    ]);
    // Sealed under a key the running sealer does not hold, as after a key dropped too soon.
    await kit.db.notificationChannel.update({
      where: { id: channelId },
      data: {
        urlSealed: sealChannelUrl(
          sealerOf(`k9:${Buffer.alloc(32, 9).toString("base64")}`),
          channelId,
          "https://x.example",
        ),
      },
    });
    await sendTestEvent(ctx(), admin, { channelId });
    await sendTestEvent(ctx(), admin, { channelId });
    await deliverAll();
    const [channel] = await listChannels(ctx(), admin);
    expect(channel!.pausedReason).toBe(
      "Paused after 2 deliveries in a row failed; the last: The channel's URL or signing secret could not be opened: its sealing key is not in AUTHDECK_SEALING_KEYS",
    );
    const log = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(log.map((d) => [d.status, d.attempts])).toEqual([
      ["failed", 3],
      ["failed", 3],
    ]);
  });

  it("a channel that keeps failing is paused with its reason, and resumes", async () => {
    const team = await createTeamWithMembers(ctx(), "Failing receiver");
    const admin = await team.as("admin");
    const receiver = await startReceiver(500);
    const { id: channelId } = await addWebhook(admin, receiver.url, ["profile.refresh.failing"]);
    await sendTestEvent(ctx(), admin, { channelId });
    await sendTestEvent(ctx(), admin, { channelId });
    await deliverAll();

    // Two deliveries of three attempts each, then paused (QUICK_POLICY).
    expect(receiver.received).toHaveLength(6);
    const [channel] = await listChannels(ctx(), admin);
    expect(channel!.pausedAt).not.toBeNull();
    expect(channel!.pausedReason).toBe(
      "Paused after 2 deliveries in a row failed; the last: The receiver answered 500",
    );
    const log = await listDeliveries(ctx(), admin, { channelId, limit: 10 });
    expect(log.map((d) => [d.status, d.attempts, d.httpStatus])).toEqual([
      ["failed", 3, 500],
      ["failed", 3, 500],
    ]);
    expect(log[0]!.responseExcerpt).toBe("receiver is broken");
    expect((await appErrorOf(sendTestEvent(ctx(), admin, { channelId }))).code).toBe("CONFLICT");

    receiver.answer(200);
    await resumeChannel(ctx(), admin, { channelId });
    await sendTestEvent(ctx(), admin, { channelId });
    await deliverAll();
    const [resumed] = await listChannels(ctx(), admin);
    expect(resumed).toMatchObject({ pausedAt: null, pausedReason: null, consecutiveFailures: 0 });
    expect((await listDeliveries(ctx(), admin, { channelId, limit: 1 }))[0]!.status).toBe(
      "delivered",
    );
  });

  it("a paused channel's deliveries wait, unsent, until it is resumed", async () => {
    const team = await createTeamWithMembers(ctx(), "Paused by hand");
    const admin = await team.as("admin");
    const receiver = await startReceiver();
    const { id: channelId } = await addWebhook(admin, receiver.url, ["profile.refresh.failing"]);
    await sendTestEvent(ctx(), admin, { channelId });
    await pauseChannel(ctx(), admin, { channelId });
    expect(await deliverDue()).toEqual([]);
    await resumeChannel(ctx(), admin, { channelId });
    await deliverAll();
    expect(typesOf(receiver.received)).toEqual(["channel.test"]);
  });

  it("a channel URL to cloud metadata or a private range is refused by the egress guard", async () => {
    const team = await createTeamWithMembers(ctx(), "Metadata");
    const admin = await team.as("admin");
    const policy = { maxAttempts: 1, firstRetryMs: 10, pauseAfter: 5 };
    for (const url of ["http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook"]) {
      const { id: channelId } = await addWebhook(admin, url, ["profile.refresh.failing"]);
      await sendTestEvent(ctx(), admin, { channelId });
      expect(await deliverDue(policy)).toEqual(["failed"]);
      const [row] = await listDeliveries(ctx(), admin, { channelId, limit: 1 });
      expect(row!.error).toMatch(/metadata|not a public address/);
      expect(row!.httpStatus).toBeNull();
    }
  });

  it("Slack channels get {text}, and their URL is never shown again, not even echoed back", async () => {
    const team = await createTeamWithMembers(ctx(), "Slack");
    const admin = await team.as("admin");
    // Answers with the call it received, path included, as some receivers do.
    const receiver = await startApiServer();
    apis.push(receiver);
    const slackUrl = `${receiver.url}/services/T000/B000/slack-url-secret-part`;
    const created = await createChannel(ctx(), admin, {
      kind: "slack",
      name: "Ops room",
      url: slackUrl,
      events: ["profile.health.failing"],
      appIds: [],
    });
    expect(created.signingSecret).toBeNull();
    await sendTestEvent(ctx(), admin, { channelId: created.id });
    await deliverAll();
    expect(receiver.calls).toHaveLength(1);
    expect(JSON.parse(receiver.calls[0]!.body)).toEqual({
      text: "Authdeck: this is a test event from your notification channel.",
    });
    expect(receiver.calls[0]!.headers["webhook-signature"]).toBeUndefined();
    const log = await listDeliveries(ctx(), admin, { channelId: created.id, limit: 5 });
    expect(log[0]).toMatchObject({ status: "delivered", httpStatus: 200 });
    expect(log[0]!.responseExcerpt).toContain("Authdeck: this is a test event");
    const shown = JSON.stringify([await listChannels(ctx(), admin), log]);
    expect(shown).not.toContain("slack-url-secret-part");
    expect(shown).toContain("http://127.0.0.1");
  });

  it("job data carries ids only", async () => {
    const team = await createTeamWithMembers(ctx(), "Job data");
    const admin = await team.as("admin");
    const receiver = await startReceiver();
    const { id: channelId, signingSecret } = await addWebhook(admin, receiver.url, [
      "profile.refresh.failing",
    ]);
    const { id: deliveryId } = await sendTestEvent(ctx(), admin, { channelId });
    await scheduleDueDeliveries(
      { db: kit.db, now: () => new Date(), queue: kit.queue },
      { batch: 100 },
    );
    const jobs = await kit.queue.getJobs(["waiting", "delayed"]);
    const mine = jobs.find((job) => job.data.deliveryId === deliveryId);
    expect(mine?.name).toBe("notification.deliver");
    expect(Object.keys(mine!.data).sort()).toEqual(["deliveryId", "lease", "teamId"]);
    const raw = JSON.stringify(await kit.redis.keys(`${kit.queuePrefix}*`)) + JSON.stringify(jobs);
    expect(raw).not.toContain(signingSecret as string);
    expect(raw).not.toContain(receiver.url);
  });
});

describe("channel access", () => {
  it("only admins add, change or delete channels; every member sees the list; other teams see nothing", async () => {
    const team = await createTeamWithMembers(ctx(), "Owners of a channel");
    const other = await createTeamWithMembers(ctx(), "Another team");
    const admin = await team.as("admin");
    const { id: channelId } = await addWebhook(admin, "https://hooks.example.com/a", [
      "profile.refresh.failing",
    ]);
    for (const role of ["editor", "viewer"] as const) {
      const member = await team.as(role);
      expect(
        (
          await appErrorOf(
            addWebhook(member, "https://hooks.example.com/b", ["profile.refresh.failing"]),
          )
        ).code,
      ).toBe("FORBIDDEN");
      for (const change of [deleteChannel, pauseChannel, resumeChannel, sendTestEvent])
        expect((await appErrorOf(change(ctx(), member, { channelId }))).code).toBe("FORBIDDEN");
      expect((await listChannels(ctx(), member)).map((c) => c.id)).toEqual([channelId]);
    }
    const outsider = await other.as("owner");
    expect(await listChannels(ctx(), outsider)).toEqual([]);
    for (const change of [deleteChannel, pauseChannel, resumeChannel, sendTestEvent])
      expect((await appErrorOf(change(ctx(), outsider, { channelId }))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(listDeliveries(ctx(), outsider, { channelId, limit: 5 }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await kit.db.notificationChannel.count({ where: { id: channelId } })).toBe(1);
    await deleteChannel(ctx(), admin, { channelId });
    expect(await kit.db.notificationChannel.count({ where: { id: channelId } })).toBe(0);
  });

  it("refuses a team's channel past the most it may have, even when several are added at once", async () => {
    const team = await createTeamWithMembers(ctx(), "Many channels");
    const other = await createTeamWithMembers(ctx(), "Few channels");
    const admin = await team.as("admin");
    const url = "https://hooks.example.com/authdeck";
    for (let i = 0; i < MAX_CHANNELS_PER_TEAM - 1; i++)
      await addWebhook(admin, url, ["profile.refresh.failing"]);

    // Five at once for the last place: one gets it.
    const racing = await Promise.allSettled(
      Array.from({ length: 5 }, () => addWebhook(admin, url, ["profile.refresh.failing"])),
    );
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = await appErrorOf(addWebhook(admin, url, ["profile.refresh.failing"]));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/already has 20 notification channels/);
    expect(await kit.db.notificationChannel.count({ where: { teamId: team.team.id } })).toBe(
      MAX_CHANNELS_PER_TEAM,
    );
    await addWebhook(await other.as("admin"), url, ["profile.refresh.failing"]);
  });

  it("refuses bad input field by field and an app of another team, saving nothing", async () => {
    const team = await createTeamWithMembers(ctx(), "Bad input");
    const other = await createTeamWithMembers(ctx(), "Other apps");
    const otherApp = await kit.db.app.create({ data: { teamId: other.team.id, name: "theirs" } });
    const bad = {
      teamId: team.team.id,
      kind: "webhook",
      name: "",
      url: "ftp://example.com",
      events: [],
    };
    const parsed = createChannelInput.safeParse(bad);
    expect(parsed.success).toBe(false);
    const fields = new Set(parsed.error!.issues.map((i) => String(i.path[0])));
    expect(fields).toEqual(new Set(["name", "url", "events"]));
    const unknownKind = createChannelInput.safeParse({ ...bad, kind: "fax" });
    expect(unknownKind.error!.issues.map((i) => String(i.path[0]))).toContain("kind");
    const admin = await team.as("admin");
    const error = await appErrorOf(
      createChannel(ctx(), admin, {
        kind: "webhook",
        name: "Theirs",
        url: "https://hooks.example.com/x",
        events: ["profile.refresh.failing"],
        appIds: [otherApp.id],
      }),
    );
    expect(error.code).toBe("INVALID");
    expect(await kit.db.notificationChannel.count({ where: { teamId: team.team.id } })).toBe(0);
  });
});

describe("delivery log retention", () => {
  it("deletes finished deliveries past 30 days and keeps recent and pending ones", async () => {
    const team = await createTeamWithMembers(ctx(), "Retention");
    const admin = await team.as("admin");
    const { id: channelId } = await addWebhook(admin, "https://hooks.example.com/r", [
      "profile.refresh.failing",
    ]);
    const day = 24 * 3_600_000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day);
    const row = (status: "delivered" | "failed" | "pending", daysAgo: number) =>
      kit.db.notificationDelivery.create({
        data: {
          teamId: team.team.id,
          channelId,
          event: "channel.test",
          payload: {},
          status,
          nextAttemptAt: at(daysAgo),
          createdAt: at(daysAgo),
          finishedAt: status === "pending" ? null : at(daysAgo),
        },
      });
    const old = [await row("delivered", 31), await row("failed", 40)];
    const kept = [await row("delivered", 29), await row("pending", 45)];
    expect(await pruneDeliveries(ctx())).toEqual({ deleted: 2 });
    const left = await kit.db.notificationDelivery.findMany({ where: { channelId } });
    expect(left.map((d) => d.id).sort()).toEqual(kept.map((d) => d.id).sort());
    expect(old.some((d) => left.some((l) => l.id === d.id))).toBe(false);
  });
});

// Last in the file: after it, the kit's sealer opens nothing.
describe("secrets:rotate", () => {
  it("re-seals a channel's URL and signing secret, which open under the new key only", async () => {
    const team = await createTeamWithMembers(ctx(), "Rotation");
    const admin = await team.as("admin");
    const { id } = await addWebhook(admin, "https://hooks.example.com/rotate?key=abc", [
      "profile.refresh.failing",
    ]);
    const before = await kit.db.notificationChannel.findUniqueOrThrow({ where: { id } });
    const plain = openChannelSecrets(kit.sealer, before);
    expect(plain.url).toBe("https://hooks.example.com/rotate?key=abc");
    const k2 = `k2:${Buffer.alloc(32, 8).toString("base64")}`;
    const { counts } = await rotateSealedSecrets({
      db: kit.db,
      sealer: sealerOf(`${k2},k1:${Buffer.alloc(32, 7).toString("base64")}`),
    });
    expect(counts["notification_channel.url_sealed"]).toBeGreaterThan(0);
    expect(counts["notification_channel.signing_secret_sealed"]).toBeGreaterThan(0);
    const after = await kit.db.notificationChannel.findUniqueOrThrow({ where: { id } });
    expect(after.urlSealed).not.toBe(before.urlSealed);
    expect(openChannelSecrets(sealerOf(k2), after)).toEqual(plain);
  });
});
