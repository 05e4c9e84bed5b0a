import type { Db } from "../db/client.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import { assertCan, type Member } from "../teams/member.ts";

/** How many results the profile page shows. */
export const SHOWN_RESULTS = 20;

const headersOf = (value: unknown) =>
  value && typeof value === "object" ? (value as Record<string, string>) : null;

/** A profile's health check with its latest results (viewers and above). */
export async function getHealthCheck(
  deps: { db: Db },
  member: Member,
  input: { appId: string; profileId: string },
) {
  assertCan(member, "profile.read");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  const check = await deps.db.healthCheck.findUnique({ where: { profileId: profile.id } });
  const results = check
    ? await deps.db.healthCheckResult.findMany({
        where: { checkId: check.id },
        orderBy: { checkedAt: "desc" },
        take: SHOWN_RESULTS,
      })
    : [];
  return {
    check: check && {
      enabled: check.enabled,
      intervalMinutes: check.intervalMinutes,
      method: check.method as "GET",
      path: check.path,
      expectedStatus: check.expectedStatus,
      tenant: check.tenant,
      status: check.status,
      lastCheckedAt: check.lastCheckedAt,
      lastError: check.lastError,
      nextCheckAt: check.nextCheckAt,
    },
    hasApiBaseUrl: Boolean(profile.apiBaseUrl),
    results: results.map((r) => ({
      id: r.id,
      healthy: r.healthy,
      httpStatus: r.httpStatus,
      durationMs: r.durationMs,
      errorClass: r.errorClass,
      errorMessage: r.errorMessage,
      responseHeaders: headersOf(r.responseHeaders),
      responseBody: r.responseBody,
      checkedAt: r.checkedAt,
    })),
  };
}
