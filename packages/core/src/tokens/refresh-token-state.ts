import type { Db } from "../db/client.ts";
import { FAILING_AFTER, retryAt } from "./refresh-plan.ts";
import { type Outcome, type RequesterDeps, requestToken } from "./request-token.ts";
import { storeToken } from "./store-token.ts";

export type RefresherDeps = RequesterDeps & {
  db: Db;
  publish: (event: {
    stateId: string;
    teamId: string;
    profileId: string;
    status: string;
  }) => Promise<void>;
};

/**
 * How long a refresh may hold a token state. Longer than the slowest refresh (two requests, the
 * refresh_token grant then client credentials, each ending within twice the 15 s deadline of one
 * attempt), so two processes never refresh the same token at once.
 */
export const REFRESH_LEASE_MS = 90_000;

const STATE_WITH_PROFILE = {
  profile: {
    include: {
      fields: { orderBy: { position: "asc" } },
      team: { select: { egressAllowlist: true } },
    },
  },
} as const;

/**
 * Claims a token state for one refresh and reads it with its profile. With `lease`, the
 * scheduler already claimed it and this checks the claim still stands in the same read;
 * without, it claims a state nobody holds. Null: someone else is refreshing it, and their result
 * will be everybody's.
 */
async function claim(deps: RefresherDeps, stateId: string, lease: Date | undefined) {
  if (lease) {
    const state = await deps.db.tokenState.findFirst({
      where: { id: stateId, leaseUntil: lease },
      include: STATE_WITH_PROFILE,
    });
    return state && { lease, state };
  }
  const now = deps.now();
  const until = new Date(now.getTime() + REFRESH_LEASE_MS);
  const { count } = await deps.db.tokenState.updateMany({
    where: { id: stateId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: until, status: "refreshing" },
  });
  if (count !== 1) return null;
  const state = await deps.db.tokenState.findUniqueOrThrow({
    where: { id: stateId },
    include: STATE_WITH_PROFILE,
  });
  return { lease: until, state };
}

/**
 * Refreshes one token: with the refresh_token grant at the Refresh Token URL when the provider
 * gave a refresh token (falling back to a new client-credentials token if that is refused),
 * otherwise a new client-credentials token. Records the attempt as a run, for the history.
 */
export async function refreshTokenState(
  deps: RefresherDeps,
  input: { stateId: string; lease?: Date | undefined },
): Promise<"refreshed" | "failed" | "skipped"> {
  const claimed = await claim(deps, input.stateId, input.lease);
  if (!claimed) return "skipped";
  const { lease, state } = claimed;
  const { profile } = state;
  const tenant = state.tenant || null;
  // Only announced when this call claimed it: a scheduled claim was announced by the scheduler.
  if (!input.lease)
    await deps.publish({
      stateId: state.id,
      teamId: state.teamId,
      profileId: profile.id,
      status: "refreshing",
    });
  let outcome: Outcome | undefined;
  if (state.refreshTokenSealed && profile.refreshTokenUrl) {
    const refreshToken = deps.sealer.open(state.refreshTokenSealed, {
      table: "token_state",
      rowId: state.id,
      column: "refresh_token_sealed",
    });
    outcome = await requestToken(deps, profile, tenant, {
      type: "refresh_token",
      refreshToken,
      url: profile.refreshTokenUrl,
    });
  }
  if (!outcome?.token) outcome = await requestToken(deps, profile, tenant);

  const finished = deps.now();
  const run = {
    ...outcome.fields,
    teamId: state.teamId,
    profileId: profile.id,
    trigger: "refresh" as const,
    tenant,
    queuedAt: finished,
    startedAt: new Date(finished.getTime() - outcome.durationMs),
    finishedAt: finished,
    durationMs: outcome.durationMs,
  };
  const { token } = outcome;
  if (token) {
    // The run and the token it brought are one write: apart, a failed token write left a
    // refresh recorded as succeeded with no token behind it.
    await deps.db.$transaction(async (tx) => {
      await tx.testRun.create({ data: run });
      await storeToken(
        { db: tx, sealer: deps.sealer },
        {
          stateId: state.id,
          teamId: state.teamId,
          profileId: profile.id,
          tenant: state.tenant,
          ...token,
          defaultLifetimeSeconds: profile.defaultLifetimeSeconds,
          obtainedAt: finished,
        },
      );
    });
    await deps.publish({
      stateId: state.id,
      teamId: state.teamId,
      profileId: profile.id,
      status: "fresh",
    });
    return "refreshed";
  }
  const failures = state.consecutiveFailures + 1;
  const expired = !state.expiresAt || state.expiresAt <= finished;
  const status = failures >= FAILING_AFTER ? "failing" : expired ? "expired" : "fresh";
  await deps.db.$transaction([
    deps.db.testRun.create({ data: run }),
    deps.db.tokenState.updateMany({
      where: { id: state.id, leaseUntil: lease },
      data: {
        status,
        consecutiveFailures: failures,
        lastError: `${String(outcome.fields.errorClass)}: ${String(outcome.fields.errorMessage)}`,
        nextRefreshAt: retryAt(failures, finished, state.expiresAt),
        leaseUntil: null,
      },
    }),
  ]);
  await deps.publish({ stateId: state.id, teamId: state.teamId, profileId: profile.id, status });
  return "failed";
}
