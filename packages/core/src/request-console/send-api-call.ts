import { PathRefused } from "../api-calls/confine-path.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { AppError, conflict, invalid } from "../errors/app-error.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import { enqueueApiCall, QUEUE_UNAVAILABLE } from "../queue/token-queue.ts";
import type { ApiCallRequest } from "../schemas/api-call.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { admitQueuedWork } from "../test-runs/admit-queued-work.ts";
import type { TestDeps } from "../test-runs/deps.ts";
import { admitTenant, tenantFor } from "../tokens/tenant.ts";
import { consolePath } from "./console-path.ts";

const NO_API_BASE_URL =
  "Set an API Base URL in the profile's API calls settings: requests are sent relative to it";

/**
 * Queues a request from the console ("Try a request"), as Test queues a token request: a row
 * holding the request (queued), then a job whose id names it. The worker sends it with the
 * profile's token and fields; the page follows the row. Editors and above; counted against the
 * same per-person and per-team limits as tests, since each may fetch a token.
 */
export async function sendApiCall(
  deps: TestDeps,
  member: Member,
  input: { appId: string; profileId: string; request: ApiCallRequest },
) {
  assertCan(member, "profile.test");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  if (!profile.apiBaseUrl) throw conflict(NO_API_BASE_URL, { apiBaseUrl: NO_API_BASE_URL });
  const { request } = input;
  // Checked now, so a refused path is an error at its field; the row keeps it as typed.
  const { path } = request;
  try {
    consolePath(path);
  } catch (error) {
    if (error instanceof PathRefused) throw invalid({ path: error.message });
    throw error;
  }
  const tenant = tenantFor(profile, request.tenant, "Enter the tenant to call with") ?? "";
  await admitQueuedWork(deps, member, {
    byYou: "tests and requests by you",
    inTeam: "tests and requests in this team",
  });
  if (tenant)
    await admitTenant(
      deps.db,
      { teamId: member.teamId, profileId: profile.id, tenant },
      deps.now(),
    );
  const call = await deps.db.apiCall.create({
    data: {
      teamId: member.teamId,
      profileId: profile.id,
      requestedById: member.userId,
      tenant,
      method: request.method,
      path,
      query: request.query,
      headers: request.headers.map((h) => [h.name, h.value]),
      bodyType: request.bodyType,
      body: request.bodyType === "none" ? null : request.body,
    },
  });
  try {
    await enqueueApiCall(deps.queue, { callId: call.id, teamId: member.teamId });
  } catch {
    // Nothing will ever send it: leave no queued call behind.
    await deps.db.apiCall.delete({ where: { id: call.id } });
    throw new AppError("UNAVAILABLE", QUEUE_UNAVAILABLE);
  }
  await recordAudit(deps.db, {
    teamId: member.teamId,
    actor: { userId: member.userId },
    action: "profile.apiCall",
    targetType: "profile",
    targetId: profile.id,
    changes: { callId: call.id, method: request.method, path, ...(tenant ? { tenant } : {}) },
  });
  return { callId: call.id };
}
