import { loadCallingProfile } from "../api-calls/calling-profile.ts";
import { PathRefused } from "../api-calls/confine-path.ts";
import { type KeptCallDeps, type KeptOutcome, keptApiCall } from "../api-calls/kept-api-call.ts";
import type { ApiCall, Prisma } from "../db/generated/client.ts";
import type { ApiCallEvent } from "../queue/events.ts";
import type { ApiCallStatusName } from "../schemas/api-call.ts";
import { consolePath } from "./console-path.ts";

/** How many calls a profile keeps: the console shows the latest of them. */
export const KEPT_CALLS = 50;

/** A console call gives up after this long, waiting for a token included. */
export const CALL_TIMEOUT_MS = 60_000;

export type RunApiCallDeps = KeptCallDeps & {
  publish: (event: ApiCallEvent) => Promise<void>;
};

const CONTENT_TYPES = { json: "application/json", form: "application/x-www-form-urlencoded" };

/**
 * Sends one queued console call: claims it (a call is sent once, even if its job is delivered
 * again), makes it with the profile's token and fields, and keeps the request as sent and the
 * answer, masked, in its row. Older calls of the profile beyond KEPT_CALLS are dropped.
 */
export async function runApiCall(
  deps: RunApiCallDeps,
  input: { callId: string },
): Promise<ApiCallStatusName | "skipped"> {
  const { count } = await deps.db.apiCall.updateMany({
    where: { id: input.callId, status: "queued" },
    data: { status: "running" },
  });
  if (count === 0) return "skipped";
  const call = await deps.db.apiCall.findUniqueOrThrow({ where: { id: input.callId } });
  const event = { teamId: call.teamId, profileId: call.profileId, callId: call.id };
  await deps.publish({ ...event, status: "running" });

  const outcome = await send(deps, call);
  const status = outcome.kind;
  await deps.db.$transaction(async (tx) => {
    await tx.apiCall.update({ where: { id: call.id }, data: outcomeData(outcome, deps.now()) });
    await tx.$executeRaw`
      DELETE FROM api_call WHERE profile_id = ${call.profileId}::uuid AND id NOT IN (
        SELECT id FROM api_call WHERE profile_id = ${call.profileId}::uuid
        ORDER BY queued_at DESC LIMIT ${KEPT_CALLS})`;
  });
  await deps.publish({ ...event, status });
  return status;
}

const failed = (errorClass: string, message: string): KeptOutcome => ({
  kind: "failed",
  errorClass,
  message,
  durationMs: 0,
  sent: null,
});

async function send(deps: RunApiCallDeps, call: ApiCall): Promise<KeptOutcome> {
  const loaded = await loadCallingProfile(deps, call.profileId);
  if (!loaded) return failed("no_api_base_url", "The profile has no API Base URL");
  let path: string;
  try {
    // Confined when it was sent; again here, as the rules may have grown since.
    path = consolePath(call.path);
  } catch (error) {
    if (error instanceof PathRefused) return failed("invalid_request", error.message);
    throw error;
  }
  return keptApiCall(deps, loaded, {
    method: call.method,
    path,
    search: call.query ? `?${call.query}` : "",
    headers: headersOf(call.headers, call.bodyType),
    tenant: loaded.tenancyEnabled ? call.tenant : "",
    body: call.bodyType === "none" ? null : new TextEncoder().encode(call.body ?? ""),
    bodyKind: call.bodyType === "none" ? null : call.bodyType,
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
}

/** The typed headers, with the body's Content-Type when the person did not set one. */
function headersOf(stored: Prisma.JsonValue, bodyType: "none" | "json" | "form") {
  const headers = Array.isArray(stored)
    ? stored.flatMap(
        (pair): Array<[string, string]> =>
          Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string"
            ? [[pair[0], pair[1]]]
            : [],
      )
    : [];
  const typed = headers.some(([name]) => name.toLowerCase() === "content-type");
  if (bodyType !== "none" && !typed) headers.push(["Content-Type", CONTENT_TYPES[bodyType]]);
  return headers;
}

function outcomeData(outcome: KeptOutcome, at: Date): Prisma.ApiCallUpdateInput {
  const common = {
    status: outcome.kind,
    finishedAt: at,
    durationMs: outcome.durationMs,
    ...(outcome.sent ? { sentRequest: outcome.sent } : {}),
  };
  if (outcome.kind === "failed")
    return { ...common, errorClass: outcome.errorClass, errorMessage: outcome.message };
  return {
    ...common,
    httpStatus: outcome.httpStatus,
    responseHeaders: outcome.headers,
    responseBody: outcome.body,
    responseBytes: outcome.bytes,
    responseNote: outcome.note,
    replayed: outcome.replayed,
  };
}
