import { Ban, CircleCheck, CircleX, Clock, LoaderCircle } from "lucide-react";
import { cn } from "~/lib/utils.ts";

const STATUS = {
  queued: {
    label: "Queued",
    icon: Clock,
    tone: "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  },
  running: {
    label: "Sending…",
    icon: LoaderCircle,
    tone: "border-sky-200 bg-sky-50 text-sky-800 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-200",
  },
  succeeded: {
    label: "Passed",
    icon: CircleCheck,
    tone: "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  },
  failed: {
    label: "Failed",
    icon: CircleX,
    tone: "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
  },
  cancelled: {
    label: "Cancelled",
    icon: Ban,
    tone: "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  },
} as const;

export type RunStatus = keyof typeof STATUS;

export const runStatusLabel = (status: string) =>
  status in STATUS ? STATUS[status as RunStatus].label : status;

/** A test's status as an icon and a word, never by colour alone. */
export function RunStatusBadge({ status }: { status: string }) {
  const known = STATUS[status as RunStatus] ?? STATUS.queued;
  const Icon = known.icon;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        known.tone,
      )}
    >
      <Icon className={cn("size-3.5", status === "running" && "animate-spin")} aria-hidden />
      {status in STATUS ? known.label : status}
    </span>
  );
}
