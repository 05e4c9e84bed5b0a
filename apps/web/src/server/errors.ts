import "server-only";
import type { AppError, AppErrorCode } from "@authdeck/core/errors";
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
