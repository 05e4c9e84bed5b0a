import { recordAudit } from "../audit/record-audit.ts";
import { AppError, conflict } from "../errors/app-error.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import { publicKeyId } from "../profiles/signing-key.ts";
import { enqueueTokenTest, QUEUE_UNAVAILABLE } from "../queue/token-queue.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { admitTenant, tenantFor } from "../tokens/tenant.ts";
import { admitQueuedWork } from "./admit-queued-work.ts";
import type { TestDeps } from "./deps.ts";

/**
 * Queues a test of a saved profile: a run row first (queued), then a job whose id is the run's.
 * The worker sends the request; the page follows the run.
 */
export async function startTest(
  deps: TestDeps,
  member: Member,
  input: {
    appId: string;
    profileId: string;
    tenant?: string | undefined;
    /** Sign with the profile's next key (key rotation) instead of the current one. */
    withNextKey?: boolean | undefined;
  },
) {
  assertCan(member, "profile.test");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  const signingKid = input.withNextKey ? publicKeyId(profile.nextPublicJwk) : null;
  if (input.withNextKey && !signingKid)
    throw conflict("This profile has no next key to test: add one first");
  const tenant = tenantFor(profile, input.tenant, "Enter the tenant to test with");
  await admitQueuedWork(deps, member, { byYou: "tests by you", inTeam: "tests in this team" });
  if (tenant)
    await admitTenant(
      deps.db,
      { teamId: member.teamId, profileId: profile.id, tenant },
      deps.now(),
    );
  const run = await deps.db.testRun.create({
    data: {
      teamId: member.teamId,
      profileId: profile.id,
      requestedById: member.userId,
      tenant,
      trigger: "test",
      signingKid,
    },
  });
  try {
    await enqueueTokenTest(deps.queue, { runId: run.id, teamId: member.teamId });
  } catch {
    // Nothing will ever run it: leave no queued run behind.
    await deps.db.testRun.delete({ where: { id: run.id } });
    throw new AppError("UNAVAILABLE", QUEUE_UNAVAILABLE);
  }
  await recordAudit(deps.db, {
    teamId: member.teamId,
    actor: { userId: member.userId },
    action: "profile.test",
    targetType: "profile",
    targetId: profile.id,
    changes: {
      runId: run.id,
      ...(tenant ? { tenant } : {}),
      ...(signingKid ? { nextKeyId: signingKid } : {}),
    },
  });
  return { runId: run.id };
}
