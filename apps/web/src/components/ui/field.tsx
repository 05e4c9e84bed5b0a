import type { ReactNode } from "react";
import { cn } from "~/lib/utils.ts";

type FieldProps = {
  /** The id of the control inside; the label points at it and the messages describe it. */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children: ReactNode;
};

/** A visible label, the control, then a hint or the error the server gave for this field. */
export function Field({ id, label, hint, error, className, children }: FieldProps) {
  return (
    <div className={cn("grid gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-message`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-message`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Props for the control inside a Field, so it is announced with its message and state. */
export const controlProps = (id: string, error: string | undefined, hint?: ReactNode) => ({
  id,
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error || hint ? `${id}-message` : undefined,
});
