import { authenticateApiKey } from "@authdeck/core/api-keys";
import { AppError } from "@authdeck/core/errors";
import { readServiceToken } from "@authdeck/core/tokens";
import { serverDeps } from "~/server/deps.ts";
import { webMetrics } from "~/server/metrics.ts";
import { serviceDeps } from "~/server/service-deps.ts";
import { tokenAnswerSchema } from "~/server/token-api/answer.ts";
import { createInFlightLimit } from "~/server/token-api/in-flight.ts";
import { limitTokenRequests } from "~/server/token-api/limit-requests.ts";
import { errorResponse, json } from "~/server/token-api/respond.ts";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ appId: string; profileId: string }> };

/** GET /api/v1/apps/{appId}/profiles/{profileId}/token[?tenant=]: the current access token. */
export async function GET(request: Request, context: Params) {
  const started = performance.now();
  const response = await answer(request, context);
  webMetrics().tokenApiAnswered({
    status: response.status,
    durationMs: performance.now() - started,
  });
  return response;
}

// One per process (the route module is loaded once); its bound is read at the first call.
let inFlight: ReturnType<typeof createInFlightLimit> | undefined;

async function answer(request: Request, { params }: Params) {
  const deps = serverDeps();
  inFlight ??= createInFlightLimit(deps.limits.tokenApiMaxInFlight);
  try {
    return await inFlight.run(async (holdFor) => {
      // The key is read on every call, unlike the proxy's: a revoked key is refused at once.
      const caller = await authenticateApiKey(deps, request.headers.get("authorization"));
      if (!caller)
        throw new AppError(
          "UNAUTHENTICATED",
          "Send a valid API key as Authorization: Bearer <key>",
        );
      holdFor(caller.apiKeyId);
      await limitTokenRequests(deps, caller.apiKeyId);
      const { appId, profileId } = await params;
      const tenant = new URL(request.url).searchParams.get("tenant");
      const token = await readServiceToken(serviceDeps(), caller, { appId, profileId, tenant });
      // Shaped by the schema the OpenAPI document is generated from: nothing else goes out.
      return json(tokenAnswerSchema.parse(token));
    });
  } catch (error) {
    if (!(error instanceof AppError)) deps.log.error({ err: error }, "token API failed");
    return errorResponse(error);
  }
}
