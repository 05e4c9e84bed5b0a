import type { ReactNode } from "react";

/** A red-bordered block for what cannot be undone. */
export function DangerZone({
  title,
  description,
  action,
  children,
}: {
  title: string;
  description: ReactNode;
  action: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section
      aria-label={title}
      className="flex flex-wrap items-center justify-between gap-4 rounded-lg border border-red-200 p-4 dark:border-red-900"
    >
      <div>
        <h3 className="font-medium">{title}</h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      </div>
      {action}
      {children}
    </section>
  );
}
