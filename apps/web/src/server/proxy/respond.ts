import "server-only";
import type { ProxyReply } from "@authdeck/core/api-calls";

/** A proxied call's reply (core's serveProxyCall) as the route's Response, its body streamed on. */
export function proxyResponse(reply: ProxyReply): Response {
  const headers = new Headers();
  for (const [name, value] of reply.headers) {
    try {
      headers.append(name, value);
    } catch {
      // A value fetch's Headers refuses (bytes outside Latin-1): dropped, not a failed call.
    }
  }
  return new Response(reply.body, { status: reply.status, headers });
}
