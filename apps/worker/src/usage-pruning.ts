import { pruneApiKeyUsage } from "@authdeck/core/api-keys";
import type { Logger } from "@authdeck/core/logging";
import type { WorkerDeps } from "./registry.ts";

const EVERY_MS = 3_600_000;

/**
 * At start and then every hour, deletes the token API's call counts past their retention. Any
 * number of workers may do this at once: what one deleted, the others find gone.
 */
export function startUsagePruning(deps: WorkerDeps & { log: Logger }) {
  let running: Promise<void> | null = null;
  const prune = () => {
    running ??= pruneApiKeyUsage(deps)
      .then((deleted) => {
        if (deleted > 0) deps.log.info({ deleted }, "pruned token API call counts");
      })
      .catch((error: Error) => {
        deps.log.warn({ err: error }, "pruning token API call counts failed");
      })
      .finally(() => {
        running = null;
      });
  };
  prune();
  const timer = setInterval(prune, EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
