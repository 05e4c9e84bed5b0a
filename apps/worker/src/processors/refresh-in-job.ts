import type { TokenState } from "@authdeck/core/db";
import { publishTokenEvent } from "@authdeck/core/queue";
import { refreshTokenState } from "@authdeck/core/tokens";
import type { WorkerDeps } from "../registry.ts";
import type { Seat } from "../slots.ts";

/**
 * How a job that calls an API brings a token that is not usable up to date: it refreshes it
 * itself, as a refresh of its own (another process holding the refresh means this call goes
 * without, and fails with the token provider's side named).
 */
export const refreshInJob =
  (deps: WorkerDeps, seat: Seat) =>
  async (state: TokenState): Promise<void> => {
    await refreshTokenState(
      {
        ...deps,
        awaitProvider: seat.awaitProvider,
        publish: (event) => publishTokenEvent(deps.publisher, deps.queuePrefix, event),
      },
      { stateId: state.id },
    );
  };
