import type { Logger } from "@authdeck/core/logging";
import { sendReminders } from "@authdeck/core/notifications";
import { type PassTiming, startPeriodicPass } from "./periodic.ts";
import type { WorkerDeps } from "./registry.ts";

const EVERY_MS = 60 * 60_000;
// Not at start: a starting worker's first moments belong to the refreshes and tests due.
const FIRST_AFTER_MS = 2 * 60_000;

/**
 * Two minutes after start and then hourly, records the expiry and unused-key reminders now due
 * (core's sendReminders) with their deliveries. Any number of workers may do this at once: each
 * reminder is recorded once, so a second pass finds nothing new to send.
 */
export function startReminders(
  deps: Pick<WorkerDeps, "db" | "now"> & { log: Logger },
  timing: PassTiming = { firstAfterMs: FIRST_AFTER_MS, everyMs: EVERY_MS },
) {
  const pass = async () => {
    try {
      const recorded = await sendReminders(deps);
      if (recorded.secrets + recorded.certificates + recorded.apiKeys > 0)
        deps.log.info(recorded, "recorded expiry and unused-key reminders");
    } catch (error) {
      deps.log.warn({ err: error }, "reminder pass failed");
    }
  };
  return startPeriodicPass(pass, timing);
}
