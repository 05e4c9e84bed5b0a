import { AppError } from "../errors/app-error.ts";
import { RequestBuildError } from "../tokens/request-build-error.ts";
import { ApiCallError } from "./api-call-error.ts";
import { OriginRefused } from "./call-with-token.ts";
import { PathRefused } from "./confine-path.ts";
import { PayloadBodyError } from "./payload-body.ts";

const sideWords = {
  authdeck: "Authdeck",
  "token-provider": "The token provider",
  api: "The API",
} as const;

/**
 * Why an API call made in the worker (a health check, a console call) got no answer, in the
 * words kept with it; null for an error that is a bug, which the caller lets through.
 */
export function callFailure(error: unknown): { errorClass: string; message: string } | null {
  if (error instanceof ApiCallError)
    return { errorClass: error.code, message: `${sideWords[error.side]}: ${error.message}` };
  if (error instanceof AppError && error.code === "UNAVAILABLE")
    return { errorClass: "token_unavailable", message: `The token provider: ${error.message}` };
  if (error instanceof OriginRefused)
    return { errorClass: "origin_refused", message: error.message };
  if (
    error instanceof RequestBuildError ||
    error instanceof PathRefused ||
    error instanceof PayloadBodyError
  )
    return { errorClass: "invalid_request", message: error.message };
  return null;
}
