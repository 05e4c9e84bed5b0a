import { recordAudit } from "../audit/record-audit.ts";
import type { Sealer } from "../crypto/sealer.ts";
import { uuidV7 } from "../db/uuid-v7.ts";
import { conflict, invalid } from "../errors/app-error.ts";
import type { ChannelSettings } from "../schemas/notification.ts";
import { allowedDomainsText, recipientAllowed } from "../shared/email-addresses.ts";
import { EMAIL_NOT_SET_UP } from "../shared/notification-events.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import {
  newSigningSecret,
  sealChannelUrl,
  sealSigningSecret,
  shownTarget,
} from "./channel-secrets.ts";

/**
 * The most channels a team may have. Any sign-up owns a team, and every channel is more posts or
 * mail Authdeck sends (each test event, each change of state); a team needs a handful.
 */
export const MAX_CHANNELS_PER_TEAM = 20;

/**
 * Adds a notification channel (admins). A webhook gets a new signing secret, returned here once
 * and stored sealed; a Slack URL is a credential itself, sealed and never shown again. An email
 * channel keeps its addresses in clear, and needs the deployment's SMTP settings.
 */
export async function createChannel(
  deps: Deps & {
    sealer: Sealer;
    /** SMTP_RECIPIENT_DOMAINS, or null when email is not set up. */
    emailDomains: readonly string[] | null;
  },
  member: Member,
  input: ChannelSettings,
) {
  assertCan(member, "notification.manage");
  if (input.kind === "email") {
    if (!deps.emailDomains) throw invalid({ kind: EMAIL_NOT_SET_UP });
    const outside = input.recipients.filter((a) => !recipientAllowed(a, deps.emailDomains ?? []));
    if (outside.length > 0)
      throw invalid({
        recipients: `This Authdeck sends email only to ${allowedDomainsText(deps.emailDomains)}: ${outside.slice(0, 3).join(", ").slice(0, 200)}`,
      });
  }
  const appIds = [...new Set(input.appIds)];
  const apps = await deps.db.app.findMany({
    where: { id: { in: appIds }, teamId: member.teamId },
    select: { id: true, name: true },
  });
  if (apps.length !== appIds.length) throw invalid({ appIds: "Choose apps of this team" });
  const id = uuidV7();
  const signingSecret = input.kind === "webhook" ? newSigningSecret() : null;
  await deps.db.$transaction(async (tx) => {
    // Held until the transaction ends, so two requests at once cannot both take the last place.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`channels:${member.teamId}`}))`;
    const has = await tx.notificationChannel.count({ where: { teamId: member.teamId } });
    if (has >= MAX_CHANNELS_PER_TEAM)
      throw conflict(
        `This team already has ${has} notification channels, the most a team may have: delete one before adding another`,
      );
    await tx.notificationChannel.create({
      data: {
        id,
        teamId: member.teamId,
        kind: input.kind,
        name: input.name,
        ...(input.kind === "email"
          ? { target: input.recipients.join(", "), recipients: input.recipients }
          : {
              target: shownTarget(input.kind, input.url),
              urlSealed: sealChannelUrl(deps.sealer, id, input.url),
            }),
        signingSecretSealed: signingSecret && sealSigningSecret(deps.sealer, id, signingSecret),
        events: [...new Set(input.events)],
        appIds,
        createdById: member.userId,
      },
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "notification.create",
      targetType: "notificationChannel",
      targetId: id,
      changes: {
        name: input.name,
        kind: input.kind,
        ...(input.kind === "email" ? { recipients: input.recipients } : {}),
        events: input.events,
        apps: apps.map((a) => a.name),
      },
    });
  });
  return { id, signingSecret };
}
