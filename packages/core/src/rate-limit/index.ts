export { enforceRateLimits, type RateLimit } from "./enforce-rate-limits.ts";
