/** Messages for people, keyed by the dotted path of the field each belongs to ("fields.0.key"). */
export type FieldErrors = Record<string, string>;

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };
type Carrier = {
  details?: { fieldErrors?: FieldErrors | null } | null;
  data?: { fieldErrors?: FieldErrors | null } | null;
  issues?: unknown;
};

/** The path a message is keyed by: the issue's path joined with dots, "_" for the whole input. */
export const fieldPath = (path: Issue["path"] = []) =>
  path.map((part) => String(typeof part === "object" ? part.key : part)).join(".") || "_";

/** A validator's issues (zod's) as field errors; the first message of each field is kept. */
export function fieldErrorsFromIssues(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[fieldPath(issue.path)] ??= issue.message;
  return errors;
}

/**
 * The field-level messages an error carries; {} when it carries none. Errors carry them in three
 * shapes, all read here: the domain's (`details.fieldErrors`), a validator's (`issues`), and a
 * procedure's answer as the browser receives it (`data.fieldErrors`).
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (typeof error !== "object" || error === null) return {};
  const carrier = error as Carrier;
  if (carrier.details?.fieldErrors) return carrier.details.fieldErrors;
  if (carrier.data?.fieldErrors) return carrier.data.fieldErrors;
  if (Array.isArray(carrier.issues)) return fieldErrorsFromIssues(carrier.issues);
  return {};
}
