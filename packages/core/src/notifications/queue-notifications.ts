import type { Prisma } from "../db/generated/client.ts";
import type { NotificationEvent } from "../shared/notification-events.ts";
import { channelPayload } from "./payload.ts";

type Tx = Pick<
  Prisma.TransactionClient,
  "authorizationProfile" | "notificationChannel" | "notificationDelivery"
>;

/**
 * Writes one pending delivery per channel of the team that takes this event for this profile's
 * app (a transactional outbox). Callers pass the transaction that records the change of state,
 * so a change is never recorded without its notifications nor notified without being recorded;
 * the worker claims pending rows from PostgreSQL (claim-due-deliveries.ts), so nothing is lost
 * while Redis is away. Paused channels get nothing: they are told nothing until resumed.
 */
export async function queueNotifications(
  tx: Tx,
  change: {
    event: NotificationEvent;
    profileId: string;
    at: Date;
    error?: { class: string; message: string } | null;
  },
): Promise<number> {
  const profile = await tx.authorizationProfile.findUniqueOrThrow({
    where: { id: change.profileId },
    select: {
      id: true,
      name: true,
      app: { select: { id: true, name: true } },
      team: { select: { id: true, name: true } },
    },
  });
  const channels = await tx.notificationChannel.findMany({
    where: {
      teamId: profile.team.id,
      pausedAt: null,
      events: { has: change.event },
      OR: [{ appIds: { isEmpty: true } }, { appIds: { has: profile.app.id } }],
    },
    select: { id: true },
  });
  if (channels.length === 0) return 0;
  const payload = channelPayload(
    change.event,
    change.at,
    { team: profile.team, app: profile.app, profile: { id: profile.id, name: profile.name } },
    change.error ?? null,
  );
  const { count } = await tx.notificationDelivery.createMany({
    data: channels.map((channel) => ({
      teamId: profile.team.id,
      channelId: channel.id,
      event: change.event,
      payload,
      nextAttemptAt: change.at,
    })),
  });
  return count;
}
