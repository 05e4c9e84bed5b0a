import "server-only";
import { limitPerKey } from "@authdeck/core/rate-limit";
import type { ServerDeps } from "~/server/deps.ts";

/** The per-key limit of the token API (core's limitPerKey: Redis counters, 503 without Redis). */
export const limitTokenRequests = (deps: ServerDeps, apiKeyId: string) =>
  limitPerKey(deps.redis, deps.queuePrefix, {
    key: `api:${apiKeyId}`,
    limit: deps.limits.apiPerKeyPerMinute,
    what: "token requests with this API key",
  });
