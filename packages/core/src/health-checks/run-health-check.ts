import type { Db } from "../db/client.ts";
import type { AuthorizationProfile, HealthCheck } from "../db/generated/client.ts";
import { queueNotifications } from "../notifications/queue-notifications.ts";
import type { HealthEvent } from "../queue/events.ts";
import type { HealthStatusName } from "../shared/health-status.ts";

/** How many results a check keeps: the page shows the latest, alerts read the changes. */
export const KEPT_RESULTS = 100;

/** What a probe saw: the API's answer (masked, capped), or why there was none. */
export type ProbeOutcome =
  | {
      kind: "answered";
      httpStatus: number;
      durationMs: number;
      headers: Record<string, string>;
      body: string | null;
    }
  | { kind: "failed"; errorClass: string; message: string; durationMs: number };

/** Calls the profile's API as the check says, with the profile's current token. */
export type Probe = (check: HealthCheck, profile: AuthorizationProfile) => Promise<ProbeOutcome>;

export type HealthCheckDeps = {
  db: Db;
  now: () => Date;
  probe: Probe;
  publish: (event: HealthEvent) => Promise<void>;
};

/**
 * Runs one claimed check: the probe, then its result, the check's new state and, when the
 * verdict turned, a recorded change of health, all in one write that holds only while the claim
 * does (a check whose claim ran out and was taken again is not written twice). A check whose
 * profile lost its API Base URL, or that was turned off meanwhile, is put back without a probe.
 */
export async function runHealthCheck(
  deps: HealthCheckDeps,
  input: { checkId: string; lease: Date },
): Promise<"healthy" | "failing" | "skipped"> {
  const check = await deps.db.healthCheck.findFirst({
    where: { id: input.checkId, leaseUntil: input.lease },
    include: { profile: true },
  });
  if (!check) return "skipped";
  const later = (from: Date) => new Date(from.getTime() + check.intervalMinutes * 60_000);
  if (!check.enabled || !check.profile.apiBaseUrl) {
    await deps.db.healthCheck.updateMany({
      where: { id: check.id, leaseUntil: input.lease },
      data: { leaseUntil: null, nextCheckAt: later(deps.now()) },
    });
    return "skipped";
  }
  const { profile, ...plain } = check;
  const outcome = await deps.probe(plain, profile);
  const at = deps.now();
  const healthy = outcome.kind === "answered" && outcome.httpStatus === check.expectedStatus;
  const status: HealthStatusName = healthy ? "healthy" : "failing";
  const lastError = healthy ? null : failureWords(outcome, check.expectedStatus);
  const written = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.healthCheck.updateMany({
      where: { id: check.id, leaseUntil: input.lease },
      data: {
        status,
        consecutiveFailures: healthy ? 0 : check.consecutiveFailures + 1,
        lastCheckedAt: at,
        lastError,
        nextCheckAt: later(at),
        leaseUntil: null,
      },
    });
    if (count === 0) return false;
    const result = await tx.healthCheckResult.create({
      data: {
        teamId: check.teamId,
        checkId: check.id,
        profileId: check.profileId,
        healthy,
        durationMs: outcome.durationMs,
        checkedAt: at,
        ...(outcome.kind === "answered"
          ? {
              httpStatus: outcome.httpStatus,
              // The answer is the evidence of a failure; a healthy one needs only its status.
              ...(healthy ? {} : { responseHeaders: outcome.headers, responseBody: outcome.body }),
              errorMessage: lastError,
            }
          : { errorClass: outcome.errorClass, errorMessage: outcome.message }),
      },
    });
    if (check.status !== status) {
      await tx.healthChange.create({
        data: {
          teamId: check.teamId,
          profileId: check.profileId,
          previous: check.status,
          status,
          resultId: result.id,
          at,
        },
      });
      // A first verdict of healthy is no recovery: only failing and back are told.
      if (status === "failing" || check.status === "failing")
        await queueNotifications(tx, {
          event: healthy ? "profile.health.recovered" : "profile.health.failing",
          profileId: check.profileId,
          at,
          error: healthy
            ? null
            : {
                class: outcome.kind === "failed" ? outcome.errorClass : "unexpected_status",
                message: lastError ?? "",
              },
        });
    }
    await tx.$executeRaw`
      DELETE FROM health_check_result WHERE check_id = ${check.id}::uuid AND id NOT IN (
        SELECT id FROM health_check_result WHERE check_id = ${check.id}::uuid
        ORDER BY checked_at DESC LIMIT ${KEPT_RESULTS})`;
    return true;
  });
  if (!written) return "skipped";
  if (check.status !== status)
    await deps.publish({ teamId: check.teamId, profileId: check.profileId, health: status });
  return status;
}

function failureWords(outcome: ProbeOutcome, expected: number): string {
  if (outcome.kind === "failed") return outcome.message;
  return `The API answered ${outcome.httpStatus}; the check expects ${expected}`;
}
