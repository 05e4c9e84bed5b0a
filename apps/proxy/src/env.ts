import {
  loadEnv,
  metricsEnvShape,
  proxyEnvShape,
  requireOneRedisTopology,
  sharedEnvSchema,
} from "@authdeck/core/config";
import { z } from "zod";

const proxyProcessEnvSchema = sharedEnvSchema
  .extend(proxyEnvShape)
  .extend(metricsEnvShape)
  .extend({
    // The port services call the proxy on; the web app keeps PORT.
    PROXY_PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
    // Loopback unless the operator opens it: services usually sit next to it or behind a gateway.
    PROXY_HOST: z.string().min(1).default("127.0.0.1"),
    // The port of the proxy's Prometheus metrics (GET /metrics on METRICS_HOST); unset, none.
    PROXY_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  })
  .superRefine(requireOneRedisTopology);

export type ProxyProcessEnv = z.infer<typeof proxyProcessEnvSchema>;

export const readProxyEnv = (source: NodeJS.ProcessEnv = process.env): ProxyProcessEnv =>
  loadEnv(proxyProcessEnvSchema, source);
