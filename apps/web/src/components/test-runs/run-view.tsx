"use client";
import { isRunOver, likelyFix } from "@authdeck/core/client";
import { Ban, CircleCheck, CircleX, Clock, Lightbulb, LoaderCircle } from "lucide-react";
import type { ReactNode } from "react";
import { formatDuration, useNow } from "~/lib/time.ts";
import { cn } from "~/lib/utils.ts";
import { RelativeTime } from "../ui/relative-time.tsx";
import { ExchangeTabs } from "./exchange-tabs.tsx";
import { type NextStepHandlers, RunNextSteps } from "./run-next-steps.tsx";
import { attemptText, WaitedSoFar } from "./run-progress.tsx";
import { TokenFactsView } from "./token-facts-view.tsx";
import type { TestRun } from "./use-test-run.ts";

const HEADINGS = {
  queued: {
    title: "Queued…",
    text: "Waiting for a worker to pick the test up.",
    icon: Clock,
    tone: "border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950",
  },
  running: {
    title: "Sending…",
    text: "The token request is on its way to the identity provider.",
    icon: LoaderCircle,
    tone: "border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100",
  },
  succeeded: {
    title: "Auth Test Passed",
    text: "The identity provider issued a token.",
    icon: CircleCheck,
    tone: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  },
  failed: {
    title: "Auth Test Failed",
    text: "No token was issued; the verdict and the provider's answer are below.",
    icon: CircleX,
    tone: "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
  },
  cancelled: {
    title: "Test cancelled",
    text: "Stopped before the identity provider answered: no token was obtained.",
    icon: Ban,
    tone: "border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950",
  },
} as const;

type Props = {
  teamId: string;
  appId: string;
  run: TestRun;
  /** Given: the verdict offers its next steps (test again, edit, copy as curl). */
  nextSteps?: NextStepHandlers | undefined;
};

/** One test run: its progress while it runs, then the verdict, what to do next and the evidence. */
export function RunView({ teamId, appId, run, nextSteps }: Props) {
  const done = isRunOver(run);
  const fix = run.status === "failed" ? likelyFix(run) : null;
  // The attempt line counts down a retry's wait on the page's shared tick.
  const now = useNow().getTime();
  return (
    <div className="grid gap-4">
      <RunHeading status={run.status} text={attemptText(run, now)} />
      {run.status === "running" && run.startedAt && <WaitedSoFar since={run.startedAt} />}
      <RunMeta run={run} done={done} />
      {(run.status === "failed" || run.status === "cancelled") && (
        <div className="grid gap-1 text-sm">
          <h4 className="text-xs font-medium text-muted">Verdict</h4>
          <p>
            <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">
              {run.errorClass ?? "failed"}
            </code>{" "}
            {run.errorMessage}
          </p>
          {fix && (
            <p className="flex items-start gap-1.5">
              <Lightbulb className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
              <span>
                <span className="font-medium">Likely fix:</span> {fix.text}
              </span>
            </p>
          )}
        </div>
      )}
      {done && nextSteps && (
        <RunNextSteps
          teamId={teamId}
          appId={appId}
          run={run}
          fixField={fix?.field ?? null}
          {...nextSteps}
        />
      )}
      {run.status === "succeeded" && run.tokenFacts && (
        <TokenFactsView facts={run.tokenFacts} finishedAt={run.finishedAt} />
      )}
      {run.warnings.length > 0 && (
        <div className="grid gap-1 text-sm">
          <h4 className="text-xs font-medium text-muted">Warnings</h4>
          <ul className="list-disc pl-5 text-amber-800 dark:text-amber-300">
            {run.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {done && run.status !== "cancelled" && <ExchangeTabs key={run.id} run={run} />}
    </div>
  );
}

/** The run's state in words, announced as it changes. */
export function RunHeading({ status, text }: { status: string; text?: string | null }) {
  const heading = HEADINGS[status as keyof typeof HEADINGS] ?? HEADINGS.queued;
  const Icon = heading.icon;
  return (
    <div
      role="status"
      aria-live="polite"
      className={cn("flex gap-3 rounded-md border p-3", heading.tone)}
    >
      <Icon
        className={cn("mt-0.5 size-5 shrink-0", status === "running" && "animate-spin")}
        aria-hidden
      />
      <div className="grid gap-0.5">
        <p className="font-semibold">{heading.title}</p>
        <p className="text-sm" data-attempt={status === "running" ? "" : undefined}>
          {text ?? heading.text}
        </p>
      </div>
    </div>
  );
}

function RunMeta({ run, done }: { run: TestRun; done: boolean }) {
  const items: Array<[string, ReactNode]> = [];
  if (done && run.durationMs !== null) items.push(["Duration", formatDuration(run.durationMs)]);
  if (run.httpAttempts > 1) items.push(["Attempts", String(run.httpAttempts)]);
  if (run.tenant) items.push(["Tenant", run.tenant]);
  // Which key signed the client assertion: during a key rotation, the current or the next one.
  if (run.signingKid) items.push(["Signed with kid", run.signingKid]);
  if (run.requestedBy) items.push(["Started by", run.requestedBy]);
  items.push([done ? "Finished" : "Queued", <RelativeTime at={run.finishedAt ?? run.queuedAt} />]);
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
      {items.map(([term, value]) => (
        <div key={term} className="flex gap-1.5">
          <dt className="text-muted">{term}</dt>
          <dd className="tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
