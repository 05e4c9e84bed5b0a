import "server-only";
import { AppError } from "@authdeck/core/errors";

/**
 * A bound on the token API calls one web process works on at once. Past it a call is answered
 * at once with 503 and Retry-After rather than queued: under more calls than the process can
 * answer, queued calls wait ever longer and a service's own timeout fails them anyway, while a
 * quick 503 tells it to come back (docs/scaling.md, the load test).
 */
export function createInFlightLimit(max: number) {
  let inFlight = 0;
  return {
    /** Runs `work` within the bound, or throws the 503 without running it. */
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (inFlight >= max)
        throw new AppError(
          "UNAVAILABLE",
          "Too many token requests at once on this server; retry in a second",
          { retryAfterSeconds: 1 },
        );
      inFlight++;
      try {
        return await work();
      } finally {
        inFlight--;
      }
    },
  };
}
