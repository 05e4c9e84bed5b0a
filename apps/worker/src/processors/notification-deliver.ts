import { deliverNotification } from "@authdeck/core/notifications";
import type { NotificationDeliverPayload } from "@authdeck/core/queue";
import type { JobContext, WorkerDeps } from "../registry.ts";

/** Sends one claimed notification delivery once; its retries are kept in its row. */
export async function notificationDeliver(
  deps: WorkerDeps,
  payload: NotificationDeliverPayload,
  { log }: JobContext,
) {
  const result = await deliverNotification(deps, {
    deliveryId: payload.deliveryId,
    lease: new Date(payload.lease),
  });
  if (result === "failed") log.info({ deliveryId: payload.deliveryId }, "delivery failed for good");
  return { result };
}
