import { RUN_TRIGGER_LABELS } from "@authdeck/core/client";

/** How a run was started when no Test button was pressed. */
const HOW: Partial<Record<string, string>> = {
  refresh: RUN_TRIGGER_LABELS.refresh,
  api: RUN_TRIGGER_LABELS.api,
  manual: RUN_TRIGGER_LABELS.manual,
};

/** The history's "Started by": the person who asked and, for "Refresh now", how. */
export function startedBy(run: { trigger: string; requestedBy: string | null }): string {
  const how = HOW[run.trigger];
  if (run.requestedBy && how) return `${run.requestedBy} (${how})`;
  return run.requestedBy ?? how ?? "—";
}
