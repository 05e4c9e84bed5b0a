import type { Db } from "../db/client.ts";
import { enqueueDelivery, type TokenQueue } from "../queue/token-queue.ts";
import { claimDueDeliveries } from "./claim-due-deliveries.ts";

/** One pass of the delivery scheduler: claims what is due, `batch` at a time, and queues it. */
export async function scheduleDueDeliveries(
  deps: { db: Db; now: () => Date; queue: TokenQueue },
  options: { batch: number },
): Promise<number> {
  let queued = 0;
  for (;;) {
    const due = await claimDueDeliveries(deps, options);
    await Promise.all(
      due.map((d) =>
        enqueueDelivery(deps.queue, {
          deliveryId: d.deliveryId,
          teamId: d.teamId,
          lease: d.lease.toISOString(),
        }),
      ),
    );
    queued += due.length;
    if (due.length < options.batch) return queued;
  }
}
