import { RUN_TRIGGER_LABELS, RUN_TRIGGERS } from "@authdeck/core/client";
import { formatDuration } from "~/lib/time.ts";
import type { RunView as Run } from "./dashboard-types.ts";

/** "24 recent requests: 23 succeeded, 1 failed; median 42 ms", the charts' numbers in words. */
export function summarizeHistory(history: Run[]): string {
  const failed = history.filter((run) => run.status !== "succeeded").length;
  const durations = history
    .map((run) => run.durationMs)
    .filter((ms) => ms !== null)
    .sort((a, b) => a - b);
  const median = durations[Math.floor(durations.length / 2)];
  const tests = history.filter((run) => run.trigger === "test").length;
  const parts = [
    `${history.length} recent ${history.length === 1 ? "request" : "requests"}: ${history.length - failed} succeeded, ${failed} failed`,
    `${tests} ${tests === 1 ? "test" : "tests"}, ${history.length - tests} by refresh`,
  ];
  if (median !== undefined) parts.push(`median ${formatDuration(median)}`);
  return parts.join("; ");
}

/** What starts a token request, in the order charts list them. */
export const TRIGGERS = RUN_TRIGGERS.map((key) => ({ key, label: RUN_TRIGGER_LABELS[key] }));
const timeOfDay = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "10:05:12 · Automatic refresh · 42 ms · succeeded": one request as a chart's tooltip says it. */
export function describeRun(run: Run): string {
  return [
    timeOfDay.format(run.at),
    RUN_TRIGGER_LABELS[run.trigger],
    run.durationMs === null ? "no time measured" : formatDuration(run.durationMs),
    run.status,
  ].join(" · ");
}
