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
  const payload = channelPayload(
    change.event,
    change.at,
    { team: profile.team, app: profile.app, profile: { id: profile.id, name: profile.name } },
    change.error ?? null,
  );
  return writeDeliveries(tx, {
    teamId: profile.team.id,
    appIds: [profile.app.id],
    event: change.event,
    at: change.at,
    payload,
  });
}

/**
 * The outbox write itself: one pending delivery of `payload` per channel of the team, not
 * paused, that takes the event for every app or for one of `appIds` (the apps the event is
 * about).
 */
export async function writeDeliveries(
  tx: Pick<Tx, "notificationChannel" | "notificationDelivery">,
  change: {
    teamId: string;
    appIds: string[];
    event: NotificationEvent;
    at: Date;
    payload: Prisma.InputJsonObject;
  },
): Promise<number> {
  const channels = await tx.notificationChannel.findMany({
    where: {
      teamId: change.teamId,
      pausedAt: null,
      events: { has: change.event },
      OR: [{ appIds: { isEmpty: true } }, { appIds: { hasSome: change.appIds } }],
    },
    select: { id: true },
  });
  if (channels.length === 0) return 0;
  const { count } = await tx.notificationDelivery.createMany({
    data: channels.map((channel) => ({
      teamId: change.teamId,
      channelId: channel.id,
      event: change.event,
      payload: change.payload,
      nextAttemptAt: change.at,
    })),
  });
  return count;
}
