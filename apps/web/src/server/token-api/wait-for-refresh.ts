import "server-only";
import type { TokenState } from "@authdeck/core/db";
import { enqueueTokenRefresh, tokenChannel } from "@authdeck/core/queue";
import { isUsable } from "@authdeck/core/tokens";
import type { ServerDeps } from "../deps.ts";
import { wakeUps } from "../events.ts";

const WAIT_MS = 15_000;

/**
 * Asks the worker to refresh a token and waits until a refresh of it ends. Everyone asking about
 * the same version of the row queues the same job id, so concurrent callers share one refresh
 * (and one already running, from the scheduler, is simply waited for).
 */
export async function refreshAndWait(deps: ServerDeps, state: TokenState): Promise<void> {
  await enqueueTokenRefresh(
    deps.queue,
    { stateId: state.id, teamId: state.teamId },
    { jobId: `refresh-now:${state.id}:${state.updatedAt.getTime()}` },
  );
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(), WAIT_MS);
  try {
    for await (const _ of wakeUps(tokenChannel(deps.queuePrefix, state.id), abort.signal, 250)) {
      const now = deps.now();
      const current = await deps.db.tokenState.findUnique({ where: { id: state.id } });
      if (!current) return;
      const settled =
        current.updatedAt > state.updatedAt && !(current.leaseUntil && current.leaseUntil > now);
      if (isUsable(current, now) || settled) return;
    }
  } finally {
    clearTimeout(deadline);
  }
}
