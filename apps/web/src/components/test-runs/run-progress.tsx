"use client";
import { useNow } from "~/lib/time.ts";
import { formatSpan } from "../tokens/time-span.ts";
import type { TestRun } from "./use-test-run.ts";

const ORDINALS = ["first", "second", "third", "fourth", "fifth"];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `attempt ${n}`;

type Progress = Pick<
  TestRun,
  "status" | "httpAttempts" | "maxAttempts" | "attemptError" | "retryAt"
>;

/**
 * What a running test waits for, in words: "attempt 2 of 3: the first timed out after 8 s,
 * retrying in 1 s". Null when the run is not running (its heading says the rest).
 */
export function attemptText(run: Progress, now: number): string | null {
  if (run.status !== "running") return null;
  const attempt = Math.max(1, run.httpAttempts);
  const of = `Attempt ${attempt} of ${run.maxAttempts}`;
  if (!run.attemptError) return `${of}: the token request is on its way to the identity provider.`;
  const previous = `the ${ordinal(attempt - 1)} ${run.attemptError}`;
  if (run.retryAt && run.retryAt.getTime() > now) {
    const wait = Math.max(1_000, Math.ceil((run.retryAt.getTime() - now) / 1_000) * 1_000);
    return `${of}: ${previous}, retrying in ${formatSpan(wait)}.`;
  }
  return `${of}: ${previous}, sent again.`;
}

/** The time a running test has waited so far, on the page's shared tick. */
export function WaitedSoFar({ since }: { since: Date }) {
  const now = useNow();
  return (
    <p className="text-sm text-muted tabular-nums" data-waited>
      Waited {formatSpan(now.getTime() - since.getTime())} so far
    </p>
  );
}
