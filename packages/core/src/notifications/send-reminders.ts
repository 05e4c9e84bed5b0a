import type { Db } from "../db/client.ts";
import { remindCertificateExpiries, remindSecretExpiries } from "./expiry-reminders.ts";
import { remindUnusedKeys } from "./unused-key-reminders.ts";

/** Profiles or keys read per query: each query is bounded, whatever the number of teams. */
export const REMINDER_BATCH = 200;

/**
 * One pass of the reminders, over every team: client secrets and client certificates expiring
 * in 30, 7 or 1 days (or expired), and API keys unused for 90 days. Each reminder is recorded
 * with its deliveries once (record-reminder.ts), so passes may run as often and on as many
 * workers as wanted. Returns how many reminders of each kind this pass recorded.
 */
export async function sendReminders(
  deps: { db: Db; now: () => Date },
  options: { batch: number } = { batch: REMINDER_BATCH },
) {
  const now = deps.now();
  const secrets = await remindSecretExpiries(deps.db, now, options.batch);
  const certificates = await remindCertificateExpiries(deps.db, now, options.batch);
  const apiKeys = await remindUnusedKeys(deps.db, now, options.batch);
  return { secrets, certificates, apiKeys };
}
