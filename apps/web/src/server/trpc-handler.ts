import "server-only";
import type { Logger } from "@authdeck/core/logging";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { limitBody, MAX_BODY_BYTES, REFUSED_BODY_HEADERS } from "./body-limit.ts";
import { appRouter } from "./root.ts";
import type { Context } from "./trpc.ts";

const tooLarge = () =>
  new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`,
  });

/** Answers one /api/trpc request: body size limit, the router, and a log line for our own failures. */
export function handleTrpcRequest(
  request: Request,
  createContext: () => Promise<Context>,
  log: () => Logger,
) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: limitBody(request, MAX_BODY_BYTES, tooLarge),
    router: appRouter,
    createContext,
    responseMeta: ({ errors }) =>
      errors.some((error) => error.code === "PAYLOAD_TOO_LARGE")
        ? { headers: new Headers(REFUSED_BODY_HEADERS) }
        : {},
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        log().error({ path, err: error.cause ?? error }, "procedure failed");
    },
  });
}
