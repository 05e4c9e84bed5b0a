export {
  EXPIRY_THRESHOLDS,
  type Flag,
  flagsOf,
  rankByAttention,
  STALE_AFTER_DAYS,
} from "./attention.ts";
export { INVENTORY_CAP, listCredentials } from "./list-credentials.ts";
