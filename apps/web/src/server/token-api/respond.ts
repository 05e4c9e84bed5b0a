import "server-only";
import { AppError, type AppErrorCode } from "@authdeck/core/errors";
import { type ErrorCode, errorAnswerSchema } from "./answer.ts";

// Tokens must never sit in a cache between Authdeck and the service that asked.
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...NO_STORE, ...headers } });

const STATUS: Record<AppErrorCode, [number, ErrorCode]> = {
  UNAUTHENTICATED: [401, "unauthorized"],
  NOT_FOUND: [404, "not_found"],
  FORBIDDEN: [403, "forbidden"],
  CONFLICT: [409, "conflict"],
  INVALID: [400, "invalid_request"],
  RATE_LIMITED: [429, "rate_limited"],
  UNAVAILABLE: [503, "token_unavailable"],
};

/** The token API's one mapping from domain errors to HTTP answers. */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof AppError)) {
    return json(
      errorAnswerSchema.parse({
        error: "internal_error",
        message: "Something went wrong on our side; try again",
      }),
      500,
    );
  }
  const [status, code] = STATUS[error.code];
  const retry = error.details.retryAfterSeconds;
  return json(
    errorAnswerSchema.parse({
      error: code,
      message: error.message,
      ...(error.details.fieldErrors ? { fieldErrors: error.details.fieldErrors } : {}),
    }),
    status,
    {
      ...(retry ? { "Retry-After": String(retry) } : {}),
      ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="authdeck"' } : {}),
    },
  );
}
