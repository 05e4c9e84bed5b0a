import { fieldErrorsOf } from "@authdeck/core/client";
import { toast } from "sonner";

type ErrorWithData = {
  message: string;
  data?: { code?: string; fieldErrors?: Record<string, string> | null } | null;
};

export const errorCodeOf = (error: ErrorWithData | null | undefined) => error?.data?.code;

/** A sentence for people: the server words every message, a refused input's included. */
export const messageOf = (error: ErrorWithData): string => error.message;

/**
 * Toasts the error unless every problem is already shown at a field of the form; `fields`
 * names the fields the form displays.
 */
export function toastUnlessShown(error: ErrorWithData, fields: readonly string[] = []) {
  const shown = Object.keys(fieldErrorsOf(error));
  if (shown.length > 0 && shown.every((field) => fields.includes(field))) return;
  toast.error(messageOf(error));
}
