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
  // Each kind runs even when another failed (a deadlock, a row that cannot be read), so one
  // cannot silence the others; the failures are thrown together once all have run.
  const failures: unknown[] = [];
  const run = async (pass: (db: Db, now: Date, batch: number) => Promise<number>) => {
    try {
      return await pass(deps.db, now, options.batch);
    } catch (error) {
      failures.push(error);
      return 0;
    }
  };
  const secrets = await run(remindSecretExpiries);
  const certificates = await run(remindCertificateExpiries);
  const apiKeys = await run(remindUnusedKeys);
  if (failures.length > 0) throw new AggregateError(failures, "Some reminders could not be sent");
  return { secrets, certificates, apiKeys };
}
