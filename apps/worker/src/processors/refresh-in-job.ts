import type { TokenState } from "@authdeck/core/db";
import { publishTokenEvent } from "@authdeck/core/queue";
import { awaitRefreshSettled, refreshTokenState } from "@authdeck/core/tokens";
import type { WorkerDeps } from "../registry.ts";
import type { Seat } from "../slots.ts";

/**
 * How a job that calls an API brings a token that is not usable up to date: it refreshes it
 * itself, as a refresh of its own. When another process already holds the refresh (the
 * scheduler's, say, right after a profile is saved), it waits for that one's result, which is
 * everybody's, rather than failing the call.
 */
export const refreshInJob =
  (deps: WorkerDeps, seat: Seat) =>
  async (state: TokenState): Promise<void> => {
    const outcome = await refreshTokenState(
      {
        ...deps,
        awaitProvider: seat.awaitProvider,
        publish: (event) => publishTokenEvent(deps.publisher, deps.queuePrefix, event),
      },
      { stateId: state.id },
    );
    if (outcome === "skipped") await seat.awaitProvider(awaitRefreshSettled(deps, state));
  };
