import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ProxyServiceDeps } from "@authdeck/core/api-calls";
import { errorReplyOf, NO_STORE_HEADERS } from "@authdeck/core/api-calls";
import { authenticateApiKey } from "@authdeck/core/api-keys";
import { AppError } from "@authdeck/core/errors";
import { readServiceToken } from "@authdeck/core/tokens";
import type { ServerDeps } from "../deps.ts";
import { webMetrics } from "../metrics.ts";
import { contentSecurityPolicy, SECURITY_HEADERS } from "../security-headers.ts";
import { errorAnswerSchema, tokenAnswerSchema } from "./answer.ts";
import { createInFlightLimit } from "./in-flight.ts";
import { limitTokenRequests } from "./limit-requests.ts";
import type { TokenTarget } from "./path.ts";

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** What the token API runs on: the web's dependencies and its service dependencies. */
export type TokenApiDeps = { deps: ServerDeps; service: ProxyServiceDeps };

// The headers next.config.ts gives every API answer, which this one does not pass through.
const API_HEADERS: Record<string, string> = {
  ...Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value])),
  "Content-Security-Policy": contentSecurityPolicy({ dev: false }),
  "Content-Type": "application/json",
  ...NO_STORE_HEADERS,
};

/**
 * GET /api/v1/apps/{appId}/profiles/{profileId}/token[?tenant=]: the current access token,
 * answered on Node's own request and response (src/main.ts routes it here before Next.js):
 * through a Next.js route handler the same call cost about three times the CPU
 * (docs/scaling.md).
 */
export function createTokenApi({ deps, service }: TokenApiDeps) {
  const inFlight = createInFlightLimit(deps.limits.tokenApiMaxInFlight);

  async function answer(request: IncomingMessage, target: TokenTarget): Promise<Reply> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      const body = { error: "invalid_request", message: "The token API answers GET only" };
      return { status: 405, body, headers: { Allow: "GET, HEAD" } };
    }
    try {
      return await inFlight.run(async (holdFor) => {
        // The key is read on every call, unlike the proxy's: a revoked key is refused at once.
        const caller = await authenticateApiKey(deps, request.headers.authorization ?? null);
        if (!caller)
          throw new AppError(
            "UNAUTHENTICATED",
            "Send a valid API key as Authorization: Bearer <key>",
          );
        holdFor(caller.apiKeyId);
        await limitTokenRequests(deps, caller.apiKeyId);
        const token = await readServiceToken(service, caller, target);
        // Shaped by the schema the OpenAPI document is generated from: nothing else goes out.
        return { status: 200, body: tokenAnswerSchema.parse(token) };
      });
    } catch (error) {
      if (!(error instanceof AppError)) deps.log.error({ err: error }, "token API failed");
      const reply = errorReplyOf(error);
      return {
        status: reply.status,
        body: errorAnswerSchema.parse(reply.body),
        headers: reply.headers,
      };
    }
  }

  return async function serveTokenApi(
    request: IncomingMessage,
    response: ServerResponse,
    target: TokenTarget,
  ): Promise<void> {
    const started = performance.now();
    // A body sent with the GET is not read; it is drained so the connection can be kept.
    request.resume();
    const reply = await answer(request, target);
    const body = JSON.stringify(reply.body);
    response.writeHead(reply.status, {
      ...API_HEADERS,
      ...reply.headers,
      "Content-Length": Buffer.byteLength(body),
    });
    response.end(request.method === "HEAD" ? undefined : body);
    webMetrics().tokenApiAnswered({
      status: reply.status,
      durationMs: performance.now() - started,
    });
  };
}
