import { recordAudit } from "../audit/record-audit.ts";
import type { Sealer } from "../crypto/sealer.ts";
import { uuidV7 } from "../db/uuid-v7.ts";
import { invalid } from "../errors/app-error.ts";
import type { CreateChannelInput } from "../schemas/notification.ts";
import type { Deps } from "../teams/deps.ts";
import { assertCan, type Member } from "../teams/member.ts";
import {
  newSigningSecret,
  sealChannelUrl,
  sealSigningSecret,
  shownTarget,
} from "./channel-secrets.ts";

/**
 * Adds a notification channel (admins). A webhook gets a new signing secret, returned here once
 * and stored sealed; a Slack URL is a credential itself, sealed and never shown again.
 */
export async function createChannel(
  deps: Deps & { sealer: Sealer },
  member: Member,
  input: Omit<CreateChannelInput, "teamId">,
) {
  assertCan(member, "notification.manage");
  const appIds = [...new Set(input.appIds)];
  const apps = await deps.db.app.findMany({
    where: { id: { in: appIds }, teamId: member.teamId },
    select: { id: true, name: true },
  });
  if (apps.length !== appIds.length) throw invalid({ appIds: "Choose apps of this team" });
  const id = uuidV7();
  const signingSecret = input.kind === "webhook" ? newSigningSecret() : null;
  await deps.db.$transaction(async (tx) => {
    await tx.notificationChannel.create({
      data: {
        id,
        teamId: member.teamId,
        kind: input.kind,
        name: input.name,
        target: shownTarget(input.kind, input.url),
        urlSealed: sealChannelUrl(deps.sealer, id, input.url),
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
        events: input.events,
        apps: apps.map((a) => a.name),
      },
    });
  });
  return { id, signingSecret };
}
