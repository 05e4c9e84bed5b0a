import { TOKEN_STATE_LABELS } from "@authdeck/core/client";
import { CircleCheck, CircleDashed, CircleX, Clock, RefreshCw } from "lucide-react";
import { cn } from "~/lib/utils.ts";
import type { TokenStatus } from "./token-states.ts";

const LOOK: Record<TokenStatus, { label: string; icon: typeof Clock; classes: string }> = {
  fresh: {
    label: TOKEN_STATE_LABELS.fresh,
    icon: CircleCheck,
    classes:
      "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  },
  refreshing: {
    label: TOKEN_STATE_LABELS.refreshing,
    icon: RefreshCw,
    classes:
      "border-sky-200 bg-sky-50 text-sky-800 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-200",
  },
  failing: {
    label: TOKEN_STATE_LABELS.failing,
    icon: CircleX,
    classes:
      "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
  },
  expired: {
    label: TOKEN_STATE_LABELS.expired,
    icon: Clock,
    classes:
      "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200",
  },
  none: {
    label: TOKEN_STATE_LABELS.none,
    icon: CircleDashed,
    classes:
      "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  },
};

/** The state in words with an icon, so colour is never the only cue; `count` tokens in it, if given. */
export function TokenStatusBadge({ status, count }: { status: TokenStatus; count?: number }) {
  const { label, icon: Icon, classes } = LOOK[status];
  return (
    <span
      data-status={status}
      className={cn(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium",
        classes,
      )}
    >
      <Icon
        className={cn("size-3.5", status === "refreshing" && "motion-safe:animate-spin")}
        aria-hidden
      />
      {count === undefined ? label : `${count} ${label}`}
    </span>
  );
}
