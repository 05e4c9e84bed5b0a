import type { Db } from "../db/client.ts";
import { queueNotifications } from "../notifications/queue-notifications.ts";
import type { TokenEvent } from "../queue/events.ts";
import type { RefreshTrigger } from "../shared/run-status.ts";
import { type RefreshBudget, takeRefreshBudget } from "./refresh-budget.ts";
import { FAILING_AFTER, type RefreshPolicy, retryAt } from "./refresh-plan.ts";
import { type Outcome, type RequesterDeps, requestToken } from "./request-token.ts";
import { isUsable } from "./service-token.ts";
import { storeToken } from "./store-token.ts";

export type RefresherDeps = RequesterDeps & {
  db: Db;
  refreshPolicy?: RefreshPolicy | undefined;
  /** Without one, refreshes are not counted (core's own tests). */
  budget?: RefreshBudget | undefined;
  publish: (event: TokenEvent) => Promise<void>;
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

/** The status of a token between refreshes. */
const restingStatus = (failures: number, expiresAt: Date | null, now: Date) =>
  failures >= FAILING_AFTER ? "failing" : !expiresAt || expiresAt <= now ? "expired" : "fresh";

/**
 * Refreshes one token: with the refresh_token grant at the Refresh Token URL when the provider
 * gave a refresh token (falling back to a new client-credentials token if that is refused),
 * otherwise a new client-credentials token. Records the attempt as a run, for the history, with
 * who asked for it (the scheduler by default, the token API, or a person's "Refresh now").
 * Past its team's budget it sends nothing and waits for the next minute, saying so. Skipped when
 * someone else holds the token, or when the token API asked and a usable token has come since.
 */
export async function refreshTokenState(
  deps: RefresherDeps,
  input: RefreshInput,
): Promise<RefreshResult> {
  const result = await refreshClaimed(deps, input);
  deps.metrics?.refreshEnded({ trigger: input.trigger ?? "refresh", result });
  return result;
}

type RefreshInput = {
  stateId: string;
  lease?: Date | undefined;
  trigger?: RefreshTrigger | undefined;
  requestedById?: string | undefined;
};

type RefreshResult = "refreshed" | "failed" | "skipped" | "deferred";

async function refreshClaimed(deps: RefresherDeps, input: RefreshInput): Promise<RefreshResult> {
  const claimed = await claim(deps, input.stateId, input.lease);
  if (!claimed) return "skipped";
  const { lease, state } = claimed;
  const { profile } = state;
  const tenant = state.tenant || null;
  if (input.trigger === "api" && isUsable(state, deps.now())) {
    // A token API caller asked because it found no usable token, and a refresh that ended
    // since (one that a caller reading the row a moment later queued under the row's next
    // version, or the scheduler's) brought one: the question is answered, and a second token
    // request would only spend the provider's rate limit.
    const status = restingStatus(state.consecutiveFailures, state.expiresAt, deps.now());
    await deps.db.tokenState.updateMany({
      where: { id: state.id, leaseUntil: lease },
      data: { status, leaseUntil: null },
    });
    await deps.publish({ stateId: state.id, teamId: state.teamId, profileId: profile.id, status });
    return "skipped";
  }
  const over = deps.budget ? await takeRefreshBudget(deps.budget, state.teamId) : null;
  if (over && deps.budget) {
    const now = deps.now();
    const status = restingStatus(state.consecutiveFailures, state.expiresAt, now);
    // Spread over the next minute, so the team's waiting refreshes do not all come back at once.
    const waitMs = over.waitSeconds * 1000 + Math.random() * 60_000;
    await deps.db.tokenState.updateMany({
      where: { id: state.id, leaseUntil: lease },
      data: {
        status,
        leaseUntil: null,
        nextRefreshAt: new Date(now.getTime() + waitMs),
        refreshNote: `This team has used its ${deps.budget.perTeamPerMinute} refreshes for this minute (the deployment's budget); this refresh waits for the next minute.`,
      },
    });
    await deps.publish({ stateId: state.id, teamId: state.teamId, profileId: profile.id, status });
    return "deferred";
  }
  // Only announced when this call claimed it: a scheduled claim was announced by the scheduler.
  if (!input.lease)
    await deps.publish({
      stateId: state.id,
      teamId: state.teamId,
      profileId: profile.id,
      status: "refreshing",
    });
  // Only a scheduled refresh has a planned time to be late for.
  if ((input.trigger ?? "refresh") === "refresh" && state.nextRefreshAt)
    deps.metrics?.refreshStarted({
      lateMs: deps.now().getTime() - state.nextRefreshAt.getTime(),
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
    trigger: input.trigger ?? "refresh",
    requestedById: input.requestedById ?? null,
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
      // A token that was failing works again: its channels hear it once, with the change.
      if (state.consecutiveFailures >= FAILING_AFTER)
        await queueNotifications(tx, {
          event: "profile.refresh.recovered",
          profileId: profile.id,
          at: finished,
        });
      await storeToken(
        { db: tx, sealer: deps.sealer, refreshPolicy: deps.refreshPolicy },
        {
          state,
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
  const status = restingStatus(failures, state.expiresAt, finished);
  const errorClass = String(outcome.fields.errorClass);
  const errorMessage = String(outcome.fields.errorMessage);
  await deps.db.$transaction(async (tx) => {
    await tx.testRun.create({ data: run });
    const { count } = await tx.tokenState.updateMany({
      where: { id: state.id, leaseUntil: lease },
      data: {
        status,
        consecutiveFailures: failures,
        lastError: `${errorClass}: ${errorMessage}`,
        nextRefreshAt: retryAt(failures, finished, state.expiresAt),
        refreshNote: null,
        leaseUntil: null,
      },
    });
    // Told once, when the token turns failing; the failures after it change nothing.
    if (count === 1 && failures === FAILING_AFTER)
      await queueNotifications(tx, {
        event: "profile.refresh.failing",
        profileId: profile.id,
        at: finished,
        error: { class: errorClass, message: errorMessage },
      });
  });
  await deps.publish({ stateId: state.id, teamId: state.teamId, profileId: profile.id, status });
  return "failed";
}
