export { egressRulesVariable, type SharedEnv, sharedEnvSchema } from "./env-schema.ts";
export { type KeyRing, parseKeyRing, SEALING_KEY_BYTES, type SealingKey } from "./key-ring.ts";
export { EnvError, loadEnv } from "./load-env.ts";
