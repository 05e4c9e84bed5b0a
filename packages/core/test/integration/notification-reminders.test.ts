// @module-tag resilience
import { issueCertificate } from "@authdeck/test-support/certificates";
import { describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, revokeApiKey } from "../../src/api-keys/index.ts";
import { createApp } from "../../src/apps/index.ts";
import { createChannel, sendReminders } from "../../src/notifications/index.ts";
import { createProfile } from "../../src/profiles/index.ts";
import { profileFieldsSchema } from "../../src/schemas/profile.ts";
import { dateOfDay } from "../../src/shared/calendar-day.ts";
import type { NotificationEvent } from "../../src/shared/notification-events.ts";
import { createTeamWithMembers } from "../fixtures.ts";
import { useTokenRunKit } from "../token-runs.ts";

const kit = useTokenRunKit("notification_reminders");

const DAY_MS = 24 * 60 * 60 * 1000;
const SECRET = "reminder-client-secret-9f8e7d";
const deps = () => ({ db: kit.db, sealer: kit.sealer, now: () => new Date() });

/** A pass of the reminders as the worker runs it, at a fake `now`, with a small batch. */
const passAt = (now: Date) => sendReminders({ db: kit.db, now: () => now }, { batch: 2 });

type Delivery = { event: string; payload: Record<string, unknown> };

/** A team with two apps, a profile in the first, and a webhook channel taking `events`. */
async function teamWithChannel(events: NotificationEvent[], secretExpiresOn?: string) {
  const team = await createTeamWithMembers(deps(), `Team ${Math.random().toString(36).slice(2)}`);
  const admin = await team.as("admin");
  const app = await createApp(deps(), admin, { name: "Billing" });
  const otherApp = await createApp(deps(), admin, { name: "Shipping" });
  const profile = await createProfile(deps(), await team.as("editor"), {
    appId: app.id,
    profile: profileFieldsSchema.parse({
      name: "Carrier API",
      identityProviderName: "Entra",
      clientId: "client-1",
      clientSecret: SECRET,
      tokenRequestUrl: "https://idp.example.com/oauth/token",
      clientSecretExpiresOn: secretExpiresOn,
    }),
  });
  const channel = await addChannel(admin, events);
  const deliveries = async (channelId = channel.id): Promise<Delivery[]> =>
    (
      await kit.db.notificationDelivery.findMany({
        where: { channelId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { event: true, payload: true },
      })
    ).map((d) => ({ event: d.event, payload: d.payload as Record<string, unknown> }));
  return { team, admin, app, otherApp, profileId: profile.id, channel, deliveries };
}

const addChannel = (
  admin: Awaited<ReturnType<Awaited<ReturnType<typeof createTeamWithMembers>>["as"]>>,
  events: NotificationEvent[],
  appIds: string[] = [],
) =>
  createChannel({ ...deps(), emailDomains: null }, admin, {
    kind: "webhook",
    name: `On-call ${Math.random().toString(36).slice(2, 6)}`,
    url: "https://hooks.example.com/authdeck",
    events,
    appIds,
  });

const thresholdsOf = (list: Delivery[]) =>
  list.map((d) => (d.payload.credential as { threshold: number }).threshold);

/** Runs the pass `times` times at `now`, as hourly passes and several workers would. */
async function passes(now: Date, times = 3) {
  for (let i = 0; i < times; i++) await passAt(now);
}

describe("expiry reminders", () => {
  it("sends one reminder at 30, 7 and 1 days before a client secret expires, and one once expired", async () => {
    const expiresOn = "2027-06-01";
    const expiry = dateOfDay(expiresOn);
    const before = (days: number) => new Date(expiry.getTime() - days * DAY_MS);
    const t = await teamWithChannel(["profile.secret.expiring"], expiresOn);

    await passes(before(31));
    await passes(before(30.5));
    expect(await t.deliveries()).toEqual([]);
    await passes(before(30));
    expect(thresholdsOf(await t.deliveries())).toEqual([30]);
    await passes(before(20));
    await passes(before(7.5));
    expect(thresholdsOf(await t.deliveries())).toEqual([30]);
    await passes(before(7));
    await passes(before(3));
    await passes(before(1.2));
    expect(thresholdsOf(await t.deliveries())).toEqual([30, 7]);
    await passes(before(1));
    await passes(before(0.1));
    expect(thresholdsOf(await t.deliveries())).toEqual([30, 7, 1]);
    await passes(new Date(expiry.getTime() + 1000));
    await passes(new Date(expiry.getTime() + 40 * DAY_MS));
    const all = await t.deliveries();
    expect(thresholdsOf(all)).toEqual([30, 7, 1, 0]);

    expect(all[1]).toEqual({
      event: "profile.secret.expiring",
      payload: {
        type: "profile.secret.expiring",
        timestamp: before(7).toISOString(),
        team: { id: t.team.team.id, name: t.team.team.name },
        app: { id: t.app.id, name: "Billing" },
        profile: { id: t.profileId, name: "Carrier API" },
        link: `/t/${t.team.team.id}/apps/${t.app.id}/profiles/${t.profileId}`,
        credential: {
          kind: "client_secret",
          expiresAt: "2027-06-01T00:00:00.000Z",
          daysLeft: 7,
          threshold: 7,
        },
        error: null,
      },
    });
    expect(all[3]?.payload.credential).toMatchObject({ daysLeft: 0, threshold: 0 });
    expect(JSON.stringify(all)).not.toContain(SECRET);
  });

  it("does not remind of a secret that expired more than a week before the pass", async () => {
    const expiresOn = "2027-04-01";
    const t = await teamWithChannel(["profile.secret.expiring"], expiresOn);
    await passes(new Date(dateOfDay(expiresOn).getTime() + 8 * DAY_MS));
    expect(await t.deliveries()).toEqual([]);
    await passes(new Date(dateOfDay(expiresOn).getTime() + 6 * DAY_MS));
    expect(thresholdsOf(await t.deliveries())).toEqual([0]);
  });

  it("sends only the tightest threshold when several are crossed at once", async () => {
    const t = await teamWithChannel(["profile.secret.expiring"], "2027-03-10");
    await passes(new Date(dateOfDay("2027-03-10").getTime() - 3 * DAY_MS));
    const list = await t.deliveries();
    expect(thresholdsOf(list)).toEqual([7]);
    expect(list[0]?.payload.credential).toMatchObject({ daysLeft: 3 });
  });

  it("starts over when the expiry date changes", async () => {
    const t = await teamWithChannel(["profile.secret.expiring"], "2027-04-10");
    const now = new Date(dateOfDay("2027-04-10").getTime() - 5 * DAY_MS);
    await passes(now);
    expect(thresholdsOf(await t.deliveries())).toEqual([7]);
    // The secret was replaced by one expiring a day later: the new date is reminded of too.
    await kit.db.authorizationProfile.update({
      where: { id: t.profileId },
      data: { clientSecretExpiresOn: dateOfDay("2027-04-11") },
    });
    await passes(now);
    const list = await t.deliveries();
    expect(thresholdsOf(list)).toEqual([7, 7]);
    expect(list[1]?.payload.credential).toMatchObject({ expiresAt: "2027-04-11T00:00:00.000Z" });
  });

  it("tells only the team's channels that take the event for the profile's app", async () => {
    const t = await teamWithChannel(["profile.refresh.failing"], "2027-05-01");
    const forOtherApp = await addChannel(t.admin, ["profile.secret.expiring"], [t.otherApp.id]);
    const forTheApp = await addChannel(t.admin, ["profile.secret.expiring"], [t.app.id]);
    const paused = await addChannel(t.admin, ["profile.secret.expiring"]);
    await kit.db.notificationChannel.update({
      where: { id: paused.id },
      data: { pausedAt: new Date() },
    });
    const other = await teamWithChannel(["profile.secret.expiring"]);
    await passes(new Date(dateOfDay("2027-05-01").getTime() - 2 * DAY_MS));
    expect(await t.deliveries()).toEqual([]);
    expect(await t.deliveries(forOtherApp.id)).toEqual([]);
    expect(await t.deliveries(paused.id)).toEqual([]);
    expect(await other.deliveries()).toEqual([]);
    expect(thresholdsOf(await t.deliveries(forTheApp.id))).toEqual([7]);
  });

  it("reminds of a client certificate's notAfter likewise", async () => {
    const t = await teamWithChannel(["profile.certificate.expiring"]);
    const notAfter = new Date(Date.now() + 60 * DAY_MS);
    notAfter.setUTCMilliseconds(0);
    const certificate = await issueCertificate({ commonName: "billing", notAfter });
    await kit.db.authorizationProfile.update({
      where: { id: t.profileId },
      data: { clientAuthMethod: "tls_client_auth", clientCertificate: certificate.cert },
    });
    const before = (days: number) => new Date(notAfter.getTime() - days * DAY_MS);
    await passes(before(31));
    await passes(before(30));
    await passes(before(6));
    await passes(before(0.5));
    const list = await t.deliveries();
    expect(thresholdsOf(list)).toEqual([30, 7, 1]);
    expect(list[0]?.payload.credential).toEqual({
      kind: "client_certificate",
      expiresAt: notAfter.toISOString(),
      daysLeft: 30,
      threshold: 30,
    });
    expect(JSON.stringify(list)).not.toContain("PRIVATE KEY");
  });

  it("writes one delivery when two passes race", async () => {
    const t = await teamWithChannel(["profile.secret.expiring"], "2027-08-01");
    const now = new Date(dateOfDay("2027-08-01").getTime() - 10 * DAY_MS);
    const results = await Promise.all([passAt(now), passAt(now), passAt(now)]);
    expect(results.reduce((sum, r) => sum + r.secrets, 0)).toBeGreaterThanOrEqual(1);
    expect(thresholdsOf(await t.deliveries())).toEqual([30]);
  });
});

describe("unused API key reminders", () => {
  async function teamWithKey() {
    const t = await teamWithChannel(["api_key.unused"]);
    const created = await createApiKey(deps(), t.admin, { name: "CI", appIds: [t.app.id] });
    const row = await kit.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    const after = (days: number) => new Date(row.createdAt.getTime() + days * DAY_MS);
    return { ...t, key: created, after };
  }

  it("fires once per 90 idle days, counting from the last use", async () => {
    const t = await teamWithKey();
    await passes(t.after(89.9));
    expect(await t.deliveries()).toEqual([]);
    await passes(t.after(90));
    await passes(t.after(120));
    const first = await t.deliveries();
    expect(first).toHaveLength(1);
    expect(first[0]?.payload).toMatchObject({
      type: "api_key.unused",
      timestamp: t.after(90).toISOString(),
      team: { id: t.team.team.id },
      link: `/t/${t.team.team.id}/api-keys`,
      apiKey: {
        id: t.key.id,
        name: "CI",
        prefix: t.key.prefix,
        lastUsedAt: null,
        apps: [{ id: t.app.id, name: "Billing" }],
      },
    });
    const json = JSON.stringify(first);
    expect(json).not.toContain(t.key.key);
    const { hash } = await kit.db.apiKey.findUniqueOrThrow({ where: { id: t.key.id } });
    expect(json).not.toContain(hash);

    // A use, then 90 more idle days: a new stretch, reminded of once.
    await authenticateApiKey({ db: kit.db, now: () => t.after(130) }, `Bearer ${t.key.key}`);
    await passes(t.after(219));
    expect(await t.deliveries()).toHaveLength(1);
    await passes(t.after(220));
    await passes(t.after(221));
    const second = await t.deliveries();
    expect(second).toHaveLength(2);
    expect(second[1]?.payload.apiKey).toMatchObject({ lastUsedAt: t.after(130).toISOString() });
  });

  it("goes to a channel limited to one of the key's apps, not to one limited to others", async () => {
    const t = await teamWithKey();
    const forKeyApp = await addChannel(t.admin, ["api_key.unused"], [t.app.id]);
    const forOtherApp = await addChannel(t.admin, ["api_key.unused"], [t.otherApp.id]);
    const notTaking = await addChannel(t.admin, ["profile.secret.expiring"]);
    await passes(t.after(91));
    expect(await t.deliveries(forKeyApp.id)).toHaveLength(1);
    expect(await t.deliveries(forOtherApp.id)).toEqual([]);
    expect(await t.deliveries(notTaking.id)).toEqual([]);
  });

  it("never fires for a revoked key", async () => {
    const t = await teamWithKey();
    await revokeApiKey(deps(), t.admin, { apiKeyId: t.key.id });
    await passes(t.after(200));
    expect(await t.deliveries()).toEqual([]);
  });
});
