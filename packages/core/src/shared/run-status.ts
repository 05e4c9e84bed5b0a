// biome-ignore lint/style/noRestrictedImports: types only, erased from the bundle; they keep these lists in step with the database enums.
import type { RunStatus, RunTrigger } from "../db/generated/enums.ts";

/**
 * The life of a test or refresh run. Safe for client components: it imports types only, so the
 * pages and the server decide "is this run over?" with the same rule.
 */
export const RUN_STATUSES = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
] as const satisfies readonly RunStatus[];

/**
 * What started a run: a Test, a background refresh, a token API call that found no fresh token, or
 * a person pressing "Refresh now".
 */
export const RUN_TRIGGERS = [
  "test",
  "refresh",
  "api",
  "manual",
] as const satisfies readonly RunTrigger[];
export type RunTriggerName = (typeof RUN_TRIGGERS)[number];

/** How every page names what started a run: charts, tooltips and the history's "Started by". */
export const RUN_TRIGGER_LABELS = {
  test: "Test",
  refresh: "Automatic refresh",
  api: "Token API",
  manual: "Refresh now",
} as const satisfies Record<RunTriggerName, string>;

/** The runs that are refreshes (any trigger but a Test): the worker keeps them for a while only. */
export const REFRESH_TRIGGERS = [
  "refresh",
  "api",
  "manual",
] as const satisfies readonly RunTrigger[];
export type RefreshTrigger = (typeof REFRESH_TRIGGERS)[number];

/** A run without a verdict yet: the worker may still claim it, and a sweep may recover it. */
export const UNFINISHED_RUN_STATUSES = [
  "queued",
  "running",
] as const satisfies readonly RunStatus[];

/** A run is over once it has its verdict (a cancelled run's is "cancelled"); nothing changes it after that. */
export const isRunOver = (run: { status: string } | null | undefined): boolean =>
  run?.status === "succeeded" || run?.status === "failed" || run?.status === "cancelled";
