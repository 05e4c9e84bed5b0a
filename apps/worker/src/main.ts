import { createRedis, createTokenQueue } from "@authdeck/core/queue";
import { createJobs } from "./jobs.ts";
import { runWorkerProcess } from "./run.ts";
import { startRefreshScheduler } from "./schedules.ts";

await runWorkerProcess(createJobs, (deps, log) => {
  const queue = createTokenQueue(createRedis(deps.redisUrl, "worker"), deps.queuePrefix);
  const scheduler = startRefreshScheduler({ ...deps, queue, log });
  return [
    {
      async stop() {
        await scheduler.stop();
        await queue.close();
      },
    },
  ];
});
