import "server-only";
import { AppError } from "@authdeck/core/errors";

const busy = () =>
  new AppError("UNAVAILABLE", "Too many token requests at once on this server; retry in a second", {
    retryAfterSeconds: 1,
  });

/**
 * A bound on the token API calls one web process works on at once, and on the share of it one
 * API key may hold. Past either, a call is answered at once with 503 and Retry-After rather than
 * queued: under more calls than the process can answer, queued calls wait ever longer and a
 * service's own timeout fails them anyway, while a quick 503 tells it to come back
 * (docs/scaling.md, the load test). The share keeps one key's calls, left waiting on a slow
 * provider's refresh, from taking every place from the other teams.
 */
export function createInFlightLimit(max: number, perKeyMax = Math.max(1, Math.ceil(max / 4))) {
  let inFlight = 0;
  const byKey = new Map<string, number>();
  return {
    /**
     * Runs `work` within the bound, or throws the 503 without running it. `work` names its API
     * key with `holdFor` once it knows it, which throws the 503 when that key holds its share.
     */
    async run<T>(work: (holdFor: (apiKeyId: string) => void) => Promise<T>): Promise<T> {
      if (inFlight >= max) throw busy();
      inFlight++;
      let held: string | undefined;
      const holdFor = (apiKeyId: string) => {
        const holding = byKey.get(apiKeyId) ?? 0;
        if (holding >= perKeyMax) throw busy();
        byKey.set(apiKeyId, holding + 1);
        held = apiKeyId;
      };
      try {
        return await work(holdFor);
      } finally {
        inFlight--;
        if (held !== undefined) {
          const left = (byKey.get(held) ?? 1) - 1;
          if (left === 0) byKey.delete(held);
          else byKey.set(held, left);
        }
      }
    },
  };
}
