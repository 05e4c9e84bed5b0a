import type { Db } from "../db/client.ts";

/** How long a worker may hold a delivery: longer than one send with its deadline. */
export const DELIVERY_LEASE_MS = 60_000;

export type DueDelivery = { deliveryId: string; teamId: string; lease: Date };

/**
 * Claims pending deliveries due now, of channels not paused, each until a lease. Only a
 * channel's oldest pending delivery is claimed, so a channel hears its events in the order
 * they happened ("failing" before "recovered"), and a receiver that is down gets one retry at
 * a time rather than a flood.
 * SKIP LOCKED and the lease give each to one scheduler, and a claim whose worker died runs out
 * and is claimed again (as health checks and refreshes are claimed).
 */
export async function claimDueDeliveries(
  deps: { db: Db; now: () => Date },
  options: { batch: number },
): Promise<DueDelivery[]> {
  const now = deps.now();
  const lease = new Date(now.getTime() + DELIVERY_LEASE_MS);
  const rows = await deps.db.$queryRaw<Array<{ id: string; team_id: string }>>`
    UPDATE notification_delivery AS d SET lease_until = ${lease}
    WHERE d.id IN (
      SELECT nd.id FROM notification_delivery nd
      JOIN notification_channel c ON c.id = nd.channel_id
      WHERE nd.status = 'pending' AND nd.next_attempt_at <= ${now}
        AND (nd.lease_until IS NULL OR nd.lease_until < ${now})
        AND c.paused_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM notification_delivery older
          WHERE older.channel_id = nd.channel_id AND older.status = 'pending'
            AND (older.created_at, older.id) < (nd.created_at, nd.id)
        )
      ORDER BY nd.next_attempt_at
      LIMIT ${options.batch}
      FOR UPDATE OF nd SKIP LOCKED
    )
    RETURNING d.id::text AS id, d.team_id::text AS team_id`;
  return rows.map((row) => ({ deliveryId: row.id, teamId: row.team_id, lease }));
}
