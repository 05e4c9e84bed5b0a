import type { Db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { NotificationEvent } from "../shared/notification-events.ts";
import { writeDeliveries } from "./queue-notifications.ts";

export type Reminder = {
  teamId: string;
  /** The apps it is about: a channel limited to apps hears of it when one of them is listed. */
  appIds: string[];
  event: NotificationEvent;
  subject: { profileId: string } | { apiKeyId: string };
  /** The expiry it is about, or an unused key's last use. */
  dueAt: Date;
  threshold: number;
  payload: Prisma.InputJsonObject;
};

/**
 * Records a reminder and writes its deliveries in one transaction, unless it was recorded
 * before: the insert skips a row its unique key already holds (another pass, another worker, a
 * pass an hour ago), and then no delivery is written. Returns whether this call recorded it.
 */
export async function recordReminder(db: Db, reminder: Reminder, at: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.notificationReminder.createMany({
      data: [
        {
          ...reminder.subject,
          event: reminder.event,
          dueAt: reminder.dueAt,
          threshold: reminder.threshold,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    await writeDeliveries(tx, { ...reminder, at });
    return true;
  });
}
