export { egressRulesVariable, type SharedEnv, sharedEnvSchema } from "./env-schema.ts";
export { type KeyRing, parseKeyRing, SEALING_KEY_BYTES, type SealingKey } from "./key-ring.ts";
export { EnvError, loadEnv } from "./load-env.ts";
export { metricsEnvShape } from "./metrics-env.ts";
export { type ProxyEnv, proxyEnvShape, proxyLimitsOf } from "./proxy-env.ts";
export {
  type RedisNode,
  type RedisTarget,
  redisEnvShape,
  redisTargetOf,
  requireOneRedisTopology,
} from "./redis-env.ts";
export { mailSettingsOf, requireSmtpSettings, smtpEnvShape } from "./smtp-env.ts";
