import type { Db } from "@authdeck/core/db";
import { type RecordedRequest, requestsPerLifetime } from "@authdeck/test-support";
import { cpuPercent, type ProcessSample, runQueuePercent, sampleProcess } from "../proc.ts";
import { type Summary, summarize } from "../stats.ts";

type StateRow = {
  id: string;
  obtained_at: Date;
  expires_at: Date;
  next_refresh_at: Date;
  updated_at: Date;
};

export type RefreshFigures = {
  refreshes: number;
  lateness: Summary;
  /** Refreshes whose new token arrived after the old one had expired. */
  expiredGaps: number;
  /** Samples x states where the stored current token was past its expiry. */
  expiredAtSamples: number;
  samples: number;
  failedRefreshes: number;
  /** Token requests received during one token's lifetime, over every token whose lifetime ended. */
  requestsPerLifetime: { tokens: number; max: number; mean: number };
  cpuPercent: number;
  /** The worker's CPU time over the watch per refresh observed. */
  cpuMsPerRefresh: number;
  /** Share of the watch the worker was ready to run but waited for a CPU. */
  runQueuePercent: number;
  rssBytes: number;
  hwmBytes: number;
};

/**
 * Watches the token states of `profileIds` for `durationMs` while the worker refreshes them.
 * Each change of obtained_at is one refresh: its lateness is the new obtained_at minus the
 * next_refresh_at the state had before (the claim leaves that column alone), and it left an
 * expired token in place if the new obtained_at is after the old expires_at. Every second the
 * states whose stored token is past expires_at are counted as well.
 */
export async function watchRefreshes(
  db: Db,
  options: {
    appId: string;
    durationMs: number;
    lifetimeMs: number;
    workerPid: number;
    tokenRequests: RecordedRequest[];
  },
): Promise<RefreshFigures> {
  const query = (since: Date) => db.$queryRaw<StateRow[]>`
    SELECT ts.id::text, ts.obtained_at, ts.expires_at, ts.next_refresh_at, ts.updated_at
    FROM token_state ts JOIN authorization_profile p ON p.id = ts.profile_id
    WHERE p.app_id = ${options.appId}::uuid AND ts.updated_at >= ${since}`;
  const known = new Map<string, StateRow>();
  for (const row of await query(new Date(0))) known.set(row.id, row);

  const lateness: number[] = [];
  let expiredGaps = 0;
  let expiredAtSamples = 0;
  let samples = 0;
  const startedAt = new Date();
  const firstSample = sampleProcess(options.workerPid);
  let lastSample: ProcessSample = firstSample;
  let since = startedAt;
  const end = Date.now() + options.durationMs;
  while (Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Rows changed since a little before the previous look: updated_at is set by the writer's clock.
    const looked = new Date();
    for (const row of await query(new Date(since.getTime() - 2_000))) {
      const before = known.get(row.id);
      if (before && row.obtained_at.getTime() !== before.obtained_at.getTime()) {
        lateness.push(row.obtained_at.getTime() - before.next_refresh_at.getTime());
        if (row.obtained_at > before.expires_at) expiredGaps++;
      }
      known.set(row.id, row);
    }
    since = looked;
    const [expired] = await db.$queryRaw<[{ count: bigint }]>`
      SELECT count(*) FROM token_state ts JOIN authorization_profile p ON p.id = ts.profile_id
      WHERE p.app_id = ${options.appId}::uuid AND ts.expires_at <= clock_timestamp()`;
    expiredAtSamples += Number(expired.count);
    samples++;
    lastSample = sampleProcess(options.workerPid);
  }
  const failedRefreshes = await db.testRun.count({
    where: { trigger: "refresh", status: "failed", queuedAt: { gte: startedAt } },
  });
  return {
    refreshes: lateness.length,
    lateness: summarize(lateness),
    expiredGaps,
    expiredAtSamples,
    samples,
    failedRefreshes,
    requestsPerLifetime: requestsPerLifetime(
      options.tokenRequests.filter((r) => r.receivedAt >= startedAt.getTime()),
      options.lifetimeMs,
    ),
    cpuPercent: cpuPercent(firstSample, lastSample),
    cpuMsPerRefresh:
      ((lastSample.cpuSeconds - firstSample.cpuSeconds) * 1000) / Math.max(1, lateness.length),
    runQueuePercent: runQueuePercent(firstSample, lastSample),
    rssBytes: lastSample.rssBytes,
    hwmBytes: lastSample.hwmBytes,
  };
}
