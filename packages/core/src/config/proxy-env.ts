import { z } from "zod";

/**
 * The proxy's settings, read by whichever process serves proxied calls (apps/proxy, and the
 * web's route): API calls through a profile have their own per-key limit, timeouts and request
 * bodies kept (to replay a call with a new token, to add Payload fields).
 */
export const proxyEnvShape = {
  API_PROXY_RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).max(10_000_000).default(6_000),
  API_PROXY_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  API_PROXY_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  API_PROXY_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  API_PROXY_REPLAY_BUFFER_BYTES: z.coerce.number().int().min(0).max(16_777_216).default(65_536),
  API_PROXY_MAX_PAYLOAD_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(67_108_864)
    .default(1_048_576),
  // How long the proxy uses a key, profile or token it read before reading it again
  // (core's tokens/service-cache.ts); 0 reads them on every call.
  API_PROXY_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(2_000),
};

export type ProxyEnv = z.infer<z.ZodObject<typeof proxyEnvShape>>;

/** The proxy's timeouts and body sizes (proxyApiCall's limits) from its settings. */
export const proxyLimitsOf = (env: ProxyEnv) => ({
  connectMs: env.API_PROXY_CONNECT_TIMEOUT_SECONDS * 1_000,
  headersMs: env.API_PROXY_HEADERS_TIMEOUT_SECONDS * 1_000,
  idleBodyMs: env.API_PROXY_IDLE_TIMEOUT_SECONDS * 1_000,
  replayBufferBytes: env.API_PROXY_REPLAY_BUFFER_BYTES,
  maxPayloadBodyBytes: env.API_PROXY_MAX_PAYLOAD_BODY_BYTES,
});
