import type { ApiKeyUse } from "../api-keys/api-key-usage.ts";
import { AppError, invalid } from "../errors/app-error.ts";
import type { Logger } from "../logging.ts";
import type { RedisClient } from "../queue/redis.ts";
import { limitProxyCalls } from "../rate-limit/limit-per-key.ts";
import { authenticateServiceCaller } from "../tokens/service-token.ts";
import { ApiCallError } from "./api-call-error.ts";
import { errorReplyOf, FAILURE_SIDE_HEADER, NO_STORE_HEADERS } from "./error-answer.ts";
import { type ProxyCall, type ProxyDeps, proxyApiCall } from "./proxy-api-call.ts";

/** What serving a proxied call needs beyond the call itself; one set per process. */
export type ProxyServiceDeps = ProxyDeps & {
  redis: RedisClient;
  queuePrefix: string;
  log: Logger;
  /** Calls through the proxy one API key may make a minute. */
  perKeyPerMinute: number;
  countUse: (use: ApiKeyUse) => void;
};

/** A request to /api/v1/apps/{appId}/profiles/{profileId}/proxy/{path}, as it arrived. */
export type ProxyRequest = Omit<ProxyCall, "path"> & {
  /** The request's path as sent (not decoded): the confinement rules see "%2F" as it came. */
  pathname: string;
  authorization: string | null;
};

/** The answer to send back: the API's (streamed) or Authdeck's JSON error. */
export type ProxyReply = {
  status: number;
  headers: Array<[string, string]>;
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | null;
};

const PROXIED_PATH = /^\/api\/v1\/apps\/([^/]+)\/profiles\/([^/]+)\/proxy(\/.*)?$/;

const segment = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

/**
 * One call through the proxy, whichever server received it (the proxy process or the web
 * route): the API key checked, the key's limit counted, the call made by proxyApiCall, and
 * the answer, or the failure as JSON with the side that failed in Authdeck-Failure-Side.
 */
export async function serveProxyCall(
  deps: ProxyServiceDeps,
  request: ProxyRequest,
): Promise<ProxyReply> {
  try {
    const caller = await authenticateServiceCaller(deps, request.authorization);
    if (!caller)
      throw new AppError("UNAUTHENTICATED", "Send a valid API key as Authorization: Bearer <key>");
    await limitProxyCalls(deps, caller.apiKeyId, deps.perKeyPerMinute);
    const parts = PROXIED_PATH.exec(request.pathname);
    // Only a path this server was not routed for: nothing is called rather than the base itself.
    if (!parts?.[1] || !parts[2]) throw invalid({ path: "Call the API under /proxy/" });
    const answer = await proxyApiCall(
      deps,
      caller,
      { appId: segment(parts[1]), profileId: segment(parts[2]) },
      { ...request, path: parts[3] ?? "" },
    );
    const headers = answer.headers;
    // An API's error status is marked as the API's, so a caller can tell its 401 from Authdeck's.
    if (answer.status >= 400) headers.push([FAILURE_SIDE_HEADER, "api"]);
    return { status: answer.status, headers, body: answer.body };
  } catch (error) {
    // A caller that went away aborted the API call: nobody is left to answer, nothing failed.
    const expected =
      error instanceof AppError || error instanceof ApiCallError || request.signal?.aborted;
    if (!expected) deps.log.error({ err: error }, "API call through the proxy failed");
    const reply = errorReplyOf(error);
    return {
      status: reply.status,
      headers: [
        ["Content-Type", "application/json"],
        ...Object.entries(NO_STORE_HEADERS),
        ...Object.entries(reply.headers),
        [FAILURE_SIDE_HEADER, reply.side],
      ],
      body: new TextEncoder().encode(JSON.stringify(reply.body)),
    };
  }
}
