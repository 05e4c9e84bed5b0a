export {
  type ApiKeyUse,
  createUsageBatch,
  USAGE_RETENTION_DAYS,
  type UsageBatch,
} from "./api-key-usage.ts";
export { type ApiCaller, authenticateApiKey } from "./authenticate-api-key.ts";
export { createApiKey } from "./create-api-key.ts";
export { listApiKeys } from "./list-api-keys.ts";
export { pruneApiKeyUsage } from "./prune-api-key-usage.ts";
export { revokeApiKey } from "./revoke-api-key.ts";
