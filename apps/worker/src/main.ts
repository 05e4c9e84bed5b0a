import { createRedis, createTokenQueue } from "@authdeck/core/queue";
import { createJobs } from "./jobs.ts";
import { startRunRecovery } from "./recovery.ts";
import { startReminders } from "./reminders.ts";
import { startHistoryRetention } from "./retention.ts";
import { runWorkerProcess } from "./run.ts";
import { startRefreshScheduler } from "./schedules.ts";
import { startTenantExpiry } from "./tenant-expiry.ts";
import { startUsagePruning } from "./usage-pruning.ts";

await runWorkerProcess(createJobs, (deps, log) => {
  const queue = createTokenQueue(createRedis(deps.redis, "worker"), deps.queuePrefix);
  const scheduler = startRefreshScheduler({ ...deps, queue, log });
  const recovery = startRunRecovery({ ...deps, queue, log });
  const tenantExpiry = startTenantExpiry({ ...deps, log });
  const retention = startHistoryRetention({ ...deps, log });
  const pruning = startUsagePruning({ ...deps, log });
  const reminders = startReminders({ ...deps, log });
  return [
    {
      async stop() {
        await Promise.all([
          scheduler.stop(),
          recovery.stop(),
          tenantExpiry.stop(),
          retention.stop(),
          pruning.stop(),
          reminders.stop(),
        ]);
        await queue.close();
      },
    },
  ];
});
