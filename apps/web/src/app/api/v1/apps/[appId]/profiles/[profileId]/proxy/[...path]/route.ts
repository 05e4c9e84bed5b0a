import { serveProxyCall } from "@authdeck/core/api-calls";
import { proxyResponse } from "~/server/proxy/respond.ts";
import { serviceDeps } from "~/server/service-deps.ts";

export const dynamic = "force-dynamic";

/**
 * Any method on /api/v1/apps/{appId}/profiles/{profileId}/proxy/{path}[?tenant=] on the web's
 * port: the same calls the proxy process (apps/proxy) serves, through the same core code, for
 * services that can reach only the web's port. The proxy process is the faster of the two.
 */
async function proxy(request: Request): Promise<Response> {
  // The raw path: Next's `path` param is decoded, and the confinement rules must see "%2F"
  // and "%252e" as they came.
  const url = new URL(request.url);
  const reply = await serveProxyCall(serviceDeps(), {
    authorization: request.headers.get("authorization"),
    method: request.method,
    pathname: url.pathname,
    search: url.search,
    headers: [...request.headers],
    body: request.body,
    signal: request.signal,
  });
  return proxyResponse(reply);
}

export const GET = proxy;
export const POST = proxy;
export const PUT = proxy;
export const PATCH = proxy;
export const DELETE = proxy;
export const HEAD = proxy;
export const OPTIONS = proxy;
