import type { Db } from "../db/client.ts";
import type { RunEvent } from "../queue/events.ts";
import { UNFINISHED_RUN_STATUSES } from "../shared/run-status.ts";
import type { RefreshPolicy } from "../tokens/refresh-plan.ts";
import { type Outcome, type RequesterDeps, requestToken } from "../tokens/request-token.ts";
import { storeToken } from "../tokens/store-token.ts";

export type RunnerDeps = RequesterDeps & {
  db: Db;
  refreshPolicy?: RefreshPolicy | undefined;
  publish: (event: RunEvent) => Promise<void>;
};

/**
 * Runs one queued test: reads the profile, opens its secrets, sends the token request through
 * the egress guard (retrying 5xx, 429 and network errors), judges the answer, stores the token,
 * writes the run once and announces it. Every failure becomes a verdict; nothing is thrown for
 * a misbehaving provider.
 */
export async function runTokenTest(
  deps: RunnerDeps,
  runId: string,
): Promise<{ status: string } | null> {
  const claimed = await deps.db.testRun.updateMany({
    where: { id: runId, status: { in: [...UNFINISHED_RUN_STATUSES] } },
    data: { status: "running", startedAt: deps.now(), deliveries: { increment: 1 } },
  });
  // Already final (a duplicate delivery after a crash): its result stands.
  if (claimed.count === 0) return null;
  await deps.publish({ runId, status: "running" });

  const run = await deps.db.testRun.findUniqueOrThrow({
    where: { id: runId },
    include: {
      profile: {
        include: {
          fields: { orderBy: { position: "asc" } },
          team: { select: { egressAllowlist: true } },
        },
      },
    },
  });
  const { profile } = run;
  const watch = watchForCancel(deps.db, run.id);
  let outcome: Outcome;
  try {
    outcome = await requestToken(
      {
        ...deps,
        awaitProvider: (work) => watch.race((deps.awaitProvider ?? same)(work)),
        onRetry: async ({ attempt, previousError, retryAt }) => {
          // Progress is for the person watching; failing to record it must not fail the test.
          const { count } = await deps.db.testRun
            .updateMany({
              where: { id: run.id, status: "running" },
              data: { httpAttempts: attempt, attemptError: previousError, retryAt },
            })
            .catch(() => ({ count: 0 }));
          if (count > 0) await deps.publish({ runId: run.id, status: "running" }).catch(() => {});
        },
      },
      profile,
      run.tenant,
      undefined,
      run.signingKid,
    );
  } catch (error) {
    // Cancelled: the verdict is written already, and nothing the provider says changes it.
    if (error instanceof RunCancelled) return { status: "cancelled" };
    throw error;
  } finally {
    watch.stop();
  }
  const finished = deps.now();
  // The verdict and the token it brought are one write: were the token stored apart and that
  // failed, the retry would find the run final and the token would be lost.
  const written = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.testRun.updateMany({
      where: { id: run.id, status: "running" },
      data: {
        ...outcome.fields,
        finishedAt: finished,
        durationMs: outcome.durationMs,
        retryAt: null,
      },
    });
    if (count > 0 && outcome.token) {
      await storeToken(
        { db: tx, sealer: deps.sealer, refreshPolicy: deps.refreshPolicy },
        {
          teamId: run.teamId,
          profileId: profile.id,
          tenant: run.tenant ?? "",
          accessToken: outcome.token.accessToken,
          refreshToken: outcome.token.refreshToken,
          tokenType: outcome.token.tokenType,
          expiresIn: outcome.token.expiresIn,
          defaultLifetimeSeconds: profile.defaultLifetimeSeconds,
          jwtExp: outcome.token.jwtExp,
          obtainedAt: finished,
        },
      );
    }
    return count;
  });
  if (written === 0) return null;
  const { status } = outcome.fields;
  await deps.publish({ runId: run.id, status });
  return { status };
}

/** The verdict of a run the worker could not carry out, written only if none was. */
export async function markRunFailed(
  deps: { db: Db; now: () => Date },
  runId: string,
  message: string,
) {
  await deps.db.testRun.updateMany({
    where: { id: runId, status: { in: [...UNFINISHED_RUN_STATUSES] } },
    data: {
      status: "failed",
      errorClass: "internal_error",
      errorMessage: message,
      finishedAt: deps.now(),
    },
  });
}

class RunCancelled extends Error {}

const same = <T>(work: Promise<T>) => work;

/** How often a running test looks for its cancellation: well within the second it promises. */
const CANCEL_POLL_MS = 400;

/**
 * Watches a run's row while its request is out: once someone cancels it, every wait on the
 * provider ends at once (the slot is free again); the request itself ends at its own deadline.
 */
function watchForCancel(db: Db, runId: string) {
  let cancel: (error: RunCancelled) => void = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    cancel = reject;
  });
  // Only ever raced, but a rejection nobody awaits would still be reported as unhandled.
  cancelled.catch(() => {});
  const timer = setInterval(() => {
    void db.testRun
      .findUnique({ where: { id: runId }, select: { status: true } })
      .then((row) => {
        if (row?.status === "cancelled") cancel(new RunCancelled());
      })
      .catch(() => {});
  }, CANCEL_POLL_MS);
  return {
    race: <T>(work: Promise<T>) => Promise.race([work, cancelled]),
    stop: () => clearInterval(timer),
  };
}
