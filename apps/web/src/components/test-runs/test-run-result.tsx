"use client";
import { messageOf } from "~/lib/errors.ts";
import { ErrorState } from "../ui/states.tsx";
import { AutoRefreshNote } from "./auto-refresh-note.tsx";
import { RunHeading, RunView } from "./run-view.tsx";
import { useTestRun } from "./use-test-run.ts";

type Props = { teamId: string; appId: string; runId: string };

/**
 * A run followed live: queued, then "Sending…", then the verdict, without a reload. When the
 * server ends the stream (access gone), the last state stays with the reason below it.
 */
export function TestRunResult({ teamId, appId, runId }: Props) {
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
      {run ? <RunView run={run} /> : <RunHeading status="queued" />}
      {run?.status === "succeeded" && (
        <AutoRefreshNote teamId={teamId} appId={appId} profileId={run.profileId} />
      )}
      {error && (
        <ErrorState title="Live updates stopped" message={messageOf(error)} onRetry={retry} />
      )}
    </>
  );
}
