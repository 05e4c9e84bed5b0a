import { confinePath, PathRefused } from "../api-calls/confine-path.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors/app-error.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import type { HealthCheckSettings } from "../schemas/health-check.ts";
import { assertCan, type Member } from "../teams/member.ts";

/**
 * Sets up, changes or turns off a profile's health check (editors and above). A check probes
 * the profile's API, so the profile needs an API Base URL; a tenant when tenancy is on. Saved
 * enabled, it runs at once, then every `intervalMinutes`.
 */
export async function saveHealthCheck(
  deps: { db: Db; now: () => Date },
  member: Member,
  input: { appId: string; profileId: string; check: HealthCheckSettings },
) {
  assertCan(member, "profile.write");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  const { check } = input;
  if (!profile.apiBaseUrl)
    throw new AppError("INVALID", "Set the profile's API Base URL first: the check calls it", {
      fieldErrors: { path: "Set the profile's API Base URL first: the check calls it" },
    });
  // The proxy's rule for a caller's path: the check's call stays under the API Base URL too.
  try {
    confinePath(check.path);
  } catch (error) {
    if (!(error instanceof PathRefused)) throw error;
    throw new AppError("INVALID", error.message, { fieldErrors: { path: error.message } });
  }
  if (profile.tenancyEnabled && !check.tenant)
    throw new AppError("INVALID", "Choose the tenant whose token the check uses", {
      fieldErrors: { tenant: "Choose the tenant whose token the check uses" },
    });
  const settings = { ...check, tenant: profile.tenancyEnabled ? check.tenant : "" };
  const now = deps.now();
  return deps.db.$transaction(async (tx) => {
    const saved = await tx.healthCheck.upsert({
      where: { profileId: profile.id },
      create: {
        ...settings,
        teamId: member.teamId,
        profileId: profile.id,
        nextCheckAt: now,
        updatedById: member.userId,
      },
      // A changed check is judged afresh: its last verdict was about other settings.
      update: {
        ...settings,
        nextCheckAt: now,
        updatedById: member.userId,
        ...(settings.enabled ? {} : { status: "not_checked", consecutiveFailures: 0 }),
      },
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "profile.healthCheck",
      targetType: "profile",
      targetId: profile.id,
      changes: settings,
    });
    return { id: saved.id, status: saved.enabled ? saved.status : ("not_checked" as const) };
  });
}
