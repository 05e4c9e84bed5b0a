import type { Db } from "../db/client.ts";
import type { ApiCall } from "../db/generated/client.ts";
import { notFound } from "../errors/app-error.ts";
import { findTeamProfile } from "../profiles/find-profile.ts";
import type { ApiCallView } from "../schemas/api-call.ts";
import { sentRequestSchema } from "../schemas/evidence.ts";
import { assertCan, isUuid, type Member } from "../teams/member.ts";

const headersOf = (value: unknown) =>
  value && typeof value === "object" ? (value as Record<string, string>) : null;

/**
 * A call as people see it: the request as sent and the answer, both masked when they were kept;
 * never the request as typed, which may hold what its author typed by hand.
 */
function present(call: ApiCall, requestedBy: string | null): ApiCallView {
  const sent = sentRequestSchema.safeParse(call.sentRequest);
  return {
    id: call.id,
    status: call.status,
    method: call.method,
    path: call.path,
    tenant: call.tenant,
    requestedBy,
    queuedAt: call.queuedAt,
    finishedAt: call.finishedAt,
    durationMs: call.durationMs,
    sentRequest: sent.success ? sent.data : null,
    httpStatus: call.httpStatus,
    responseHeaders: headersOf(call.responseHeaders),
    responseBody: call.responseBody,
    responseBytes: call.responseBytes,
    responseNote: call.responseNote,
    replayed: call.replayed,
    errorClass: call.errorClass,
    errorMessage: call.errorMessage,
  };
}

async function namesOf(db: Db, calls: Array<Pick<ApiCall, "requestedById">>) {
  const ids = [...new Set(calls.map((c) => c.requestedById).filter((id) => id !== null))];
  const users = ids.length
    ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return (call: Pick<ApiCall, "requestedById">) =>
    call.requestedById ? (names.get(call.requestedById) ?? "Deleted user") : null;
}

/** A profile's latest console calls, newest first (viewers and above). */
export async function listApiCalls(
  deps: { db: Db },
  member: Member,
  input: { appId: string; profileId: string; limit: number },
) {
  assertCan(member, "profile.read");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  // The history is read again on every change: the bodies stay behind, read one call at a time.
  const calls = await deps.db.apiCall.findMany({
    where: { profileId: profile.id },
    orderBy: { queuedAt: "desc" },
    take: input.limit,
    select: {
      id: true,
      status: true,
      method: true,
      path: true,
      tenant: true,
      requestedById: true,
      queuedAt: true,
      durationMs: true,
      httpStatus: true,
      errorMessage: true,
    },
  });
  const nameOf = await namesOf(deps.db, calls);
  return {
    hasApiBaseUrl: Boolean(profile.apiBaseUrl),
    calls: calls.map(({ requestedById, ...call }) => ({
      ...call,
      requestedBy: nameOf({ requestedById }),
    })),
  };
}

/** One console call of a profile of the member's team; anything else is NOT_FOUND. */
export async function getApiCall(
  deps: { db: Db },
  member: Member,
  input: { appId: string; profileId: string; callId: string },
) {
  assertCan(member, "profile.read");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  const call = isUuid(input.callId)
    ? await deps.db.apiCall.findFirst({
        where: { id: input.callId, profileId: profile.id, teamId: member.teamId },
      })
    : null;
  if (!call) throw notFound("Request");
  return present(call, (await namesOf(deps.db, [call]))(call));
}
