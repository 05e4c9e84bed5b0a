import type { Db } from "../db/client.ts";

/** How long a finished delivery stays in its channel's log. */
export const DELIVERY_RETENTION_DAYS = 30;

/**
 * Deletes deliveries that ended (delivered or failed for good) more than the retention ago;
 * pending ones stay whatever their age, since they are still to be sent.
 */
export async function pruneDeliveries(deps: { db: Db; now: () => Date }) {
  const before = new Date(deps.now().getTime() - DELIVERY_RETENTION_DAYS * 24 * 3_600_000);
  const { count } = await deps.db.notificationDelivery.deleteMany({
    where: { status: { in: ["delivered", "failed"] }, finishedAt: { lt: before } },
  });
  return { deleted: count };
}
