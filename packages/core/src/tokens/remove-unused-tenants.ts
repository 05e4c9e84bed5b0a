import type { Db } from "../db/client.ts";
import { TENANT_LIMITS } from "../shared/profile-limits.ts";

const DAY_MS = 24 * 60 * 60_000;

/**
 * Removes tenant token states nobody asked for in TENANT_LIMITS.unusedDays (a refresh is no
 * use), except one being refreshed right now. The profile's own state (no tenant) stays.
 */
export async function removeUnusedTenants(deps: { db: Db; now: () => Date }): Promise<number> {
  const now = deps.now();
  const { count } = await deps.db.tokenState.deleteMany({
    where: {
      tenant: { not: "" },
      lastUsedAt: { lt: new Date(now.getTime() - TENANT_LIMITS.unusedDays * DAY_MS) },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
  });
  return count;
}
