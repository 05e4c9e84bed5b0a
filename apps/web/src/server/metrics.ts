import "server-only";
import { createWebMetrics, type WebMetrics } from "@authdeck/core/metrics";

// One set per process, kept on globalThis like the deps: a dev-mode reload must not start over.
const holder = globalThis as typeof globalThis & { authdeckMetrics?: WebMetrics };

/** This web process's metrics, served at /api/metrics. */
export function webMetrics(): WebMetrics {
  holder.authdeckMetrics ??= createWebMetrics();
  return holder.authdeckMetrics;
}
