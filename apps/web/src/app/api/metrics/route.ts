import { bearerMatches } from "@authdeck/core/metrics";
import { webEnv } from "~/env.ts";
import { webMetrics } from "~/server/metrics.ts";

export const dynamic = "force-dynamic";

/**
 * GET /api/metrics: this process's Prometheus metrics. Off (404) until METRICS_TOKEN is set;
 * then only for `Authorization: Bearer <METRICS_TOKEN>`.
 */
export async function GET(request: Request) {
  const token = webEnv().METRICS_TOKEN;
  if (!token) return new Response(null, { status: 404 });
  if (!bearerMatches(request.headers.get("authorization"), token))
    return new Response(null, { status: 401, headers: { "www-authenticate": "Bearer" } });
  const { registry } = webMetrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
