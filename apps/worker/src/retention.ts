import type { Logger } from "@authdeck/core/logging";
import { pruneDeliveries } from "@authdeck/core/notifications";
import { pruneRefreshHistory } from "@authdeck/core/tokens";
import type { WorkerDeps } from "./registry.ts";

const FIRST_AFTER_MS = 5_000;
const EVERY_MS = 60 * 60_000;

/**
 * Soon after start and every hour, deletes refresh history past its retention
 * (REFRESH_HISTORY in core) and notification deliveries past theirs (DELIVERY_RETENTION_DAYS).
 * Every worker does it; a row is deleted once whoever gets there.
 */
export function startHistoryRetention(deps: WorkerDeps & { log: Logger }) {
  let running: Promise<void> | null = null;
  const prune = () => {
    running ??= pruneRefreshHistory(deps)
      .then(({ deleted }) => {
        if (deleted > 0) deps.log.info({ deleted }, "deleted refresh history past its retention");
      })
      .then(() => pruneDeliveries(deps))
      .then(({ deleted }) => {
        if (deleted > 0) deps.log.info({ deleted }, "deleted deliveries past their retention");
      })
      .catch((error) => deps.log.warn({ err: error }, "refresh history retention failed"))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(prune, FIRST_AFTER_MS);
  const timer = setInterval(prune, EVERY_MS);
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
