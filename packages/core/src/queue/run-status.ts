import type { RunStatus } from "../db/generated/enums.ts";

/**
 * The life of a test or refresh run. Safe for client components: it imports types only, so the
 * pages and the server decide "is this run over?" with the same rule.
 */
export const RUN_STATUSES = [
  "queued",
  "running",
  "succeeded",
  "failed",
] as const satisfies readonly RunStatus[];

/** A run without a verdict yet: the worker may still claim it, and a sweep may recover it. */
export const UNFINISHED_RUN_STATUSES = [
  "queued",
  "running",
] as const satisfies readonly RunStatus[];

/** A run is over once it has its verdict; nothing changes it after that. */
export const isRunOver = (run: { status: string } | null | undefined): boolean =>
  run?.status === "succeeded" || run?.status === "failed";
