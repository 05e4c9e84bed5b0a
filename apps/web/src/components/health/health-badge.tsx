import { HEALTH_STATUS_LABELS, type HealthStatusName } from "@authdeck/core/client";
import { Activity, CircleDashed, CircleX } from "lucide-react";
import { cn } from "~/lib/utils.ts";

const LOOK: Record<HealthStatusName, { icon: typeof Activity; classes: string }> = {
  healthy: {
    icon: Activity,
    classes:
      "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  },
  failing: {
    icon: CircleX,
    classes:
      "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
  },
  not_checked: {
    icon: CircleDashed,
    classes:
      "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  },
};

/** A profile's health in words with an icon, so colour is never the only cue. */
export function HealthBadge({ status }: { status: HealthStatusName }) {
  const { icon: Icon, classes } = LOOK[status];
  return (
    <span
      data-health={status}
      className={cn(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        classes,
      )}
    >
      <Icon className="size-3.5" aria-hidden />
      <span className="sr-only">Health: </span>
      {HEALTH_STATUS_LABELS[status]}
    </span>
  );
}

/** A profile's health badge, or nothing for a profile without a check. */
export function ProfileHealth({ status }: { status: HealthStatusName | undefined }) {
  return status ? <HealthBadge status={status} /> : null;
}
