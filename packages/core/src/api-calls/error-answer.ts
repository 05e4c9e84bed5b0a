import { AppError, type AppErrorCode } from "../errors/app-error.ts";
import { ApiCallError, type FailureSide } from "./api-call-error.ts";

/** The `error` codes of the token API's and the proxy's JSON errors (their OpenAPI enum). */
export const ERROR_CODES = [
  "unauthorized",
  "not_found",
  "forbidden",
  "conflict",
  "invalid_request",
  "rate_limited",
  "token_unavailable",
  "payload_too_large",
  "destination_refused",
  "upstream_timeout",
  "upstream_unreachable",
  "internal_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorAnswer = {
  error: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string>;
};

/** Tells a caller of the proxy whose failure an answer is: Authdeck's, the token provider's or the API's. */
export const FAILURE_SIDE_HEADER = "Authdeck-Failure-Side";

// Tokens must never sit in a cache between Authdeck and the service that asked.
export const NO_STORE_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  Pragma: "no-cache",
};

const STATUS: Record<AppErrorCode, [number, ErrorCode]> = {
  UNAUTHENTICATED: [401, "unauthorized"],
  NOT_FOUND: [404, "not_found"],
  FORBIDDEN: [403, "forbidden"],
  CONFLICT: [409, "conflict"],
  INVALID: [400, "invalid_request"],
  RATE_LIMITED: [429, "rate_limited"],
  UNAVAILABLE: [503, "token_unavailable"],
};

export type ErrorReply = {
  status: number;
  body: ErrorAnswer;
  /** Retry-After and WWW-Authenticate where they apply (no Cache-Control: see NO_STORE_HEADERS). */
  headers: Record<string, string>;
  side: FailureSide;
};

/**
 * The one mapping from a failed token API or proxy call to its HTTP answer: a domain error by
 * its code, a proxied call's failure by its side and status, anything else a 500 that says
 * nothing of its cause.
 */
export function errorReplyOf(error: unknown): ErrorReply {
  if (error instanceof ApiCallError) {
    return {
      status: error.status,
      body: { error: error.code, message: error.message },
      headers: error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {},
      side: error.side,
    };
  }
  if (!(error instanceof AppError)) {
    return {
      status: 500,
      body: { error: "internal_error", message: "Something went wrong on our side; try again" },
      headers: {},
      side: "authdeck",
    };
  }
  const [status, code] = STATUS[error.code];
  const retry = error.details.retryAfterSeconds;
  return {
    status,
    body: {
      error: code,
      message: error.message,
      ...(error.details.fieldErrors ? { fieldErrors: error.details.fieldErrors } : {}),
    },
    headers: {
      ...(retry ? { "Retry-After": String(retry) } : {}),
      ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="authdeck"' } : {}),
    },
    side: "authdeck",
  };
}
