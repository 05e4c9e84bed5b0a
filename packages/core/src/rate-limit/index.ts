export { enforceRateLimits, type RateLimit } from "./enforce-rate-limits.ts";
export { limitPerKey, limitProxyCalls } from "./limit-per-key.ts";
