import type { Db } from "@authdeck/core/db";
import { createRedis, createTokenQueue, JOBS } from "@authdeck/core/queue";
import type { SeededProfile } from "@authdeck/test-support";
import { sampleProcess } from "../proc.ts";
import type { BenchEnv } from "../product.ts";
import { startWorker } from "../product.ts";

/**
 * Tests per second of one worker process at `concurrency`: `tests` queued runs spread over
 * distinct profiles (one token state each, so no two runs wait on one row), enqueued at once
 * on a queue of their own; from the first enqueue to the last result written. With the
 * worker's CPU time per test.
 */
export async function measureThroughput(
  bench: BenchEnv,
  db: Db,
  options: { teamId: string; profiles: SeededProfile[]; concurrency: number; tests: number },
) {
  const prefix = `${bench.queuePrefix}-tp${options.concurrency}`;
  const worker = await startWorker(bench, `worker-throughput-${options.concurrency}`, {
    WORKER_CONCURRENCY: String(options.concurrency),
    AUTHDECK_QUEUE_PREFIX: prefix,
  });
  const redis = createRedis(bench.env.REDIS_URL ?? "redis://127.0.0.1:6379", "worker");
  const queue = createTokenQueue(redis, prefix);
  try {
    const runs = Array.from({ length: options.tests }, (_, i) => ({
      id: crypto.randomUUID(),
      teamId: options.teamId,
      profileId: options.profiles[i % options.profiles.length]!.id,
      trigger: "test" as const,
    }));
    await db.testRun.createMany({ data: runs });
    const cpuBefore = sampleProcess(worker.child.pid!).cpuSeconds;
    const started = Date.now();
    await queue.addBulk(
      runs.map((run) => ({
        name: JOBS.tokenTest,
        data: { runId: run.id },
        opts: { jobId: run.id },
      })),
    );
    const ids = runs.map((run) => run.id);
    for (;;) {
      const open = await db.testRun.count({ where: { id: { in: ids }, finishedAt: null } });
      if (open === 0) break;
      if (Date.now() - started > 600_000) throw new Error(`${open} tests still open after 10 min`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Includes the worker's idle polling for up to the 200 ms above: small beside the tests.
    const cpuSeconds = sampleProcess(worker.child.pid!).cpuSeconds - cpuBefore;
    const last = await db.testRun.aggregate({
      where: { id: { in: ids } },
      _max: { finishedAt: true },
    });
    const failed = await db.testRun.count({
      where: { id: { in: ids }, status: { not: "succeeded" } },
    });
    const seconds = (last._max.finishedAt!.getTime() - started) / 1000;
    return {
      testsPerSecond: options.tests / seconds,
      seconds,
      failed,
      cpuMsPerTest: (cpuSeconds * 1000) / options.tests,
    };
  } finally {
    await queue.close();
    redis.disconnect();
    await worker.stop();
  }
}
