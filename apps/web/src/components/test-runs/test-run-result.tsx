"use client";
import { messageOf } from "~/lib/errors.ts";
import { ErrorState } from "../ui/states.tsx";
import type { NextStepHandlers } from "./run-next-steps.tsx";
import { RunHeading, RunView } from "./run-view.tsx";
import { useTestRun } from "./use-test-run.ts";

type Props = { teamId: string; appId: string; runId: string; nextSteps?: NextStepHandlers };

/**
 * A run followed live: queued, then "Sending…", then the verdict, without a reload. When the
 * server ends the stream (access gone), the last state stays with the reason below it.
 */
export function TestRunResult({ teamId, appId, runId, nextSteps }: Props) {
  const { run, error, retry } = useTestRun(teamId, appId, runId);
  if (error && !run) {
    return (
      <ErrorState
        title="The test could not be followed"
        message={messageOf(error)}
        onRetry={retry}
      />
    );
  }
  return (
    <>
      {run ? (
        <RunView teamId={teamId} appId={appId} run={run} nextSteps={nextSteps} />
      ) : (
        <RunHeading status="queued" />
      )}
      {error && (
        <ErrorState title="Live updates stopped" message={messageOf(error)} onRetry={retry} />
      )}
    </>
  );
}
