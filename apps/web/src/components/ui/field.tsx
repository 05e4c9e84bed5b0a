import type { ReactNode } from "react";
import { cn } from "~/lib/utils.ts";

type FieldProps = {
  /** The id of the control inside; the label points at it and the messages describe it. */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Offered inside the error's line, e.g. "Add Path Param region". */
  errorAction?: ReactNode;
  className?: string;
  children: ReactNode;
};

/**
 * A visible label, the control, then a hint or the error for this field. An error takes the
 * hint's place in the same cell, the hint kept there unseen, so the controls below do not move
 * when a message comes and goes (a click aimed at them would land elsewhere).
 */
export function Field({ id, label, hint, error, errorAction, className, children }: FieldProps) {
  return (
    <div className={cn("grid gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {(error || hint) && (
        <div className="grid">
          {hint && (
            <p
              id={error ? undefined : `${id}-message`}
              className={cn("text-sm text-muted [grid-area:1/1]", error && "invisible")}
            >
              {hint}
            </p>
          )}
          {error && (
            <p
              id={`${id}-message`}
              className="text-sm text-red-600 [grid-area:1/1] dark:text-red-400"
            >
              {error}
              {errorAction && <> {errorAction}</>}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** Props for the control inside a Field, so it is announced with its message and state. */
export const controlProps = (id: string, error: string | undefined, hint?: ReactNode) => ({
  id,
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error || hint ? `${id}-message` : undefined,
});
