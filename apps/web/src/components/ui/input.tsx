import type { ComponentProps } from "react";
import { cn } from "~/lib/utils.ts";

const controlClasses =
  "h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs outline-none transition-colors placeholder:text-zinc-400 focus-visible:border-zinc-500 focus-visible:ring-2 focus-visible:ring-zinc-300 disabled:opacity-50 aria-invalid:border-red-500 aria-invalid:ring-red-200 dark:border-zinc-700 dark:bg-zinc-900 dark:focus-visible:border-zinc-400 dark:focus-visible:ring-zinc-700 dark:aria-invalid:border-red-500 dark:aria-invalid:ring-red-900";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClasses, className)} {...props} />;
}

/** A native select: keyboard, screen readers and mobile pickers work without extra code. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(controlClasses, "pr-8", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(controlClasses, "h-auto min-h-20 py-2", className)} {...props} />;
}
