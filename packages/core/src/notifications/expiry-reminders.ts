import type { Db } from "../db/client.ts";
import type { ClientAuthMethod } from "../db/generated/enums.ts";
import { EXPIRY_THRESHOLDS } from "../inventory/attention.ts";
import { describeCertificate } from "../profiles/client-certificate.ts";
import { CERTIFICATE_METHODS, SECRET_METHODS } from "../schemas/profile.ts";
import type { ExpiryFacts } from "./payload.ts";
import { channelPayload } from "./payload.ts";
import { recordReminder } from "./record-reminder.ts";
import { expiryReminderOf } from "./reminder-due.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long after an expiry its "expired" reminder may still be sent (a worker down for days). */
const EXPIRED_LOOKBACK_DAYS = 7;

const SECRET_EVENT = "profile.secret.expiring";
const CERTIFICATE_EVENT = "profile.certificate.expiring";

type Candidate = {
  id: string;
  name: string;
  teamId: string;
  team: { id: string; name: string };
  app: { id: string; name: string };
  reminders: Array<{ dueAt: Date; threshold: number }>;
};

const candidateColumns = (event: string) =>
  ({
    id: true,
    name: true,
    teamId: true,
    team: { select: { id: true, name: true } },
    app: { select: { id: true, name: true } },
    reminders: { where: { event }, select: { dueAt: true, threshold: true } },
  }) as const;

/**
 * Reminds of client secrets expiring within 30 days or expired, `batch` profiles at a time
 * (through the index on the expiry day). Returns how many reminders it recorded.
 */
export async function remindSecretExpiries(db: Db, now: Date, batch: number): Promise<number> {
  const horizon = new Date(now.getTime() + Math.max(...EXPIRY_THRESHOLDS) * DAY_MS);
  // Secrets that expired long ago were reminded of then (or before reminders existed): not
  // read again on every pass, forever.
  const since = new Date(now.getTime() - EXPIRED_LOOKBACK_DAYS * DAY_MS);
  let recorded = 0;
  let after: string | undefined;
  for (;;) {
    const page = await db.authorizationProfile.findMany({
      where: {
        clientSecretExpiresOn: { gte: since, lte: horizon },
        clientAuthMethod: { in: [...SECRET_METHODS] as ClientAuthMethod[] },
        ...(after ? { id: { gt: after } } : {}),
      },
      select: { ...candidateColumns(SECRET_EVENT), clientSecretExpiresOn: true },
      orderBy: { id: "asc" },
      take: batch,
    });
    for (const profile of page) {
      // A DATE column reads as midnight UTC of the day, as the inventory counts it.
      const expiresAt = profile.clientSecretExpiresOn;
      if (!expiresAt) continue;
      recorded += await remind(db, now, profile, SECRET_EVENT, "client_secret", expiresAt);
    }
    if (page.length < batch) return recorded;
    after = page[page.length - 1]?.id;
  }
}

/**
 * Reminds of client certificates (of the certificate methods) expiring within 30 days or
 * expired, by the leaf's notAfter read from the stored PEM, `batch` profiles at a time.
 */
export async function remindCertificateExpiries(db: Db, now: Date, batch: number): Promise<number> {
  let recorded = 0;
  let after: string | undefined;
  for (;;) {
    const page = await db.authorizationProfile.findMany({
      where: {
        clientCertificate: { not: null },
        clientAuthMethod: { in: [...CERTIFICATE_METHODS] as ClientAuthMethod[] },
        ...(after ? { id: { gt: after } } : {}),
      },
      select: { ...candidateColumns(CERTIFICATE_EVENT), clientCertificate: true },
      orderBy: { id: "asc" },
      take: batch,
    });
    for (const profile of page) {
      const expiresAt = describeCertificate(profile.clientCertificate)?.validTo;
      if (!expiresAt) continue;
      recorded += await remind(
        db,
        now,
        profile,
        CERTIFICATE_EVENT,
        "client_certificate",
        expiresAt,
      );
    }
    if (page.length < batch) return recorded;
    after = page[page.length - 1]?.id;
  }
}

async function remind(
  db: Db,
  now: Date,
  profile: Candidate,
  event: typeof SECRET_EVENT | typeof CERTIFICATE_EVENT,
  kind: ExpiryFacts["kind"],
  expiresAt: Date,
): Promise<number> {
  const step = expiryReminderOf(expiresAt, now);
  if (!step) return 0;
  const sent = profile.reminders.some(
    (r) => r.threshold === step.threshold && r.dueAt.getTime() === expiresAt.getTime(),
  );
  if (sent) return 0;
  const credential: ExpiryFacts = {
    kind,
    expiresAt: expiresAt.toISOString(),
    daysLeft: step.daysLeft,
    threshold: step.threshold,
  };
  const about = {
    team: profile.team,
    app: profile.app,
    profile: { id: profile.id, name: profile.name },
  };
  const recorded = await recordReminder(
    db,
    {
      teamId: profile.teamId,
      appIds: [profile.app.id],
      event,
      subject: { profileId: profile.id },
      dueAt: expiresAt,
      threshold: step.threshold,
      payload: channelPayload(event, now, about, null, { credential }),
    },
    now,
  );
  return recorded ? 1 : 0;
}
