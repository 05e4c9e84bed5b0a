import type { FieldErrors } from "../shared/field-errors.ts";

export type { FieldErrors };

/**
 * The one error vocabulary of the domain. Each edge maps these codes once (tRPC, HTTP);
 * messages are for people and never carry a secret.
 */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "INVALID"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: { fieldErrors?: FieldErrors; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message: string) => new AppError("FORBIDDEN", message);
export const conflict = (message: string, fieldErrors?: FieldErrors) =>
  new AppError("CONFLICT", message, fieldErrors ? { fieldErrors } : {});
/** The sentence a refused input is summed up in: its first field's message. */
export const firstProblem = (fieldErrors: FieldErrors) =>
  Object.values(fieldErrors)[0] ?? "Invalid input";
export const invalid = (fieldErrors: FieldErrors) =>
  new AppError("INVALID", firstProblem(fieldErrors), { fieldErrors });
