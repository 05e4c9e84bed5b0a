import { publishTokenEvent, type TokenRefreshPayload } from "@authdeck/core/queue";
import { refreshTokenState } from "@authdeck/core/tokens";
import type { JobContext, WorkerDeps } from "../registry.ts";

export async function tokenRefresh(
  deps: WorkerDeps,
  payload: TokenRefreshPayload,
  { log, seat }: JobContext,
) {
  const result = await refreshTokenState(
    {
      ...deps,
      awaitProvider: seat.awaitProvider,
      publish: (event) => publishTokenEvent(deps.publisher, deps.queuePrefix, event),
    },
    {
      stateId: payload.stateId,
      lease: payload.lease ? new Date(payload.lease) : undefined,
      trigger: payload.trigger,
      requestedById: payload.requestedById,
    },
  );
  if (result === "failed") log.warn({ stateId: payload.stateId }, "token refresh failed");
  if (result === "deferred")
    log.info({ stateId: payload.stateId }, "token refresh waits for its team's refresh budget");
  return { result };
}
