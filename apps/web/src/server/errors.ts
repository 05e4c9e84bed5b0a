import { AppError, type AppErrorCode, type FieldErrors } from "@authdeck/core/errors";
import { TRPCError } from "@trpc/server";

type TRPCCode = TRPCError["code"];

const CODES: Record<AppErrorCode, TRPCCode> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** The one mapping from the domain's error vocabulary to tRPC's. */
export const toTRPCError = (error: AppError) =>
  new TRPCError({ code: CODES[error.code], message: error.message, cause: error });

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

/** Field-level messages from a domain error or from input validation, keyed by dotted path. */
export function fieldErrorsOf(cause: unknown): FieldErrors | undefined {
  if (cause instanceof AppError) return cause.details.fieldErrors;
  const issues = (cause as { issues?: Issue[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = (issue.path ?? [])
      .map((part) => String(typeof part === "object" ? part.key : part))
      .join(".");
    errors[key || "_"] ??= issue.message;
  }
  return errors;
}
