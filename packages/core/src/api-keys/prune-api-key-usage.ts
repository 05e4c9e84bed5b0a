import type { Db } from "../db/client.ts";
import { USAGE_RETENTION_DAYS } from "./api-key-usage.ts";

const DAY_MS = 24 * 3_600_000;

/** Deletes the counts older than the retention; returns how many rows went. */
export async function pruneApiKeyUsage(deps: { db: Db; now: () => Date }): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - USAGE_RETENTION_DAYS * DAY_MS);
  const { count } = await deps.db.apiKeyUsage.deleteMany({ where: { minute: { lt: cutoff } } });
  return count;
}
