import type { Db } from "../db/client.ts";
import type { TokenState } from "../db/generated/client.ts";
import { type EventTopic, type TokenEvent, tokenTopic } from "../queue/events.ts";
import { refreshNowJobId } from "../queue/job-ids.ts";
import { enqueueTokenRefresh, type TokenQueue } from "../queue/token-queue.ts";
import type { RefreshTrigger } from "../shared/run-status.ts";
import { isUsable } from "./service-token.ts";

/** How long a caller waits for a refresh before it is answered with what there is. */
export const REFRESH_WAIT_MS = 15_000;
const LOOK_AGAIN_MS = 250;

/** Yields whenever a topic may have news: on each of its events, and at least every `pollMs`. */
export type WakeUps = (
  topic: EventTopic<TokenEvent>,
  signal: AbortSignal,
  pollMs: number,
) => AsyncIterable<unknown>;

/** Without an event subscriber, looks again every `pollMs`. */
export async function* pollOnly(
  _topic: EventTopic<TokenEvent>,
  signal: AbortSignal,
  pollMs: number,
): AsyncGenerator<"timer"> {
  while (!signal.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      signal.addEventListener("abort", done);
    });
    if (signal.aborted) return;
    yield "timer";
  }
}

/**
 * Whether a wait for the refresh of `asked` is over: the token is usable, or a refresh that
 * began after the question has ended (the row changed since, and nobody holds it now), failed
 * or deferred, whose answer is everybody's.
 */
export function refreshSettled(
  asked: Pick<TokenState, "updatedAt">,
  current: TokenState,
  now: Date,
): boolean {
  const ended =
    current.updatedAt > asked.updatedAt && !(current.leaseUntil && current.leaseUntil > now);
  return isUsable(current, now) || ended;
}

/**
 * Asks the worker to refresh a token and waits until a refresh of it ends, at most
 * REFRESH_WAIT_MS. Everyone asking about the same version of the row queues the same job id, so
 * concurrent callers share one refresh (and one already running, from the scheduler, is simply
 * waited for). The refresh's run records who asked for it.
 */
export async function refreshAndWait(
  deps: {
    db: Db;
    now: () => Date;
    queue: TokenQueue;
    queuePrefix: string;
    wakeUps?: WakeUps | undefined;
  },
  state: TokenState,
  trigger: RefreshTrigger,
): Promise<void> {
  await enqueueTokenRefresh(
    deps.queue,
    { stateId: state.id, teamId: state.teamId, trigger },
    { jobId: refreshNowJobId(state) },
  );
  await awaitRefreshSettled(deps, state);
}

/**
 * Waits until a refresh of `state` that began after it was read has ended, or the token is
 * usable, at most REFRESH_WAIT_MS: for the one who asked and for anyone who found the refresh
 * already held by another process.
 */
export async function awaitRefreshSettled(
  deps: { db: Db; now: () => Date; queuePrefix: string; wakeUps?: WakeUps | undefined },
  state: TokenState,
): Promise<void> {
  const wakeUps = deps.wakeUps ?? pollOnly;
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(), REFRESH_WAIT_MS);
  try {
    for await (const _ of wakeUps(
      tokenTopic(deps.queuePrefix, state.id),
      abort.signal,
      LOOK_AGAIN_MS,
    )) {
      const current = await deps.db.tokenState.findUnique({ where: { id: state.id } });
      if (!current || refreshSettled(state, current, deps.now())) return;
    }
  } finally {
    clearTimeout(deadline);
  }
}
