"use client";
import { isRunOver } from "@authdeck/core/client";
import { messageOf } from "~/lib/errors.ts";
import { useTeam } from "../team/team-context.tsx";
import { ErrorState } from "../ui/states.tsx";
import { AutoRefreshNote } from "./auto-refresh-note.tsx";
import { CancelRunButton } from "./cancel-run-button.tsx";
import { CopyTokenButton } from "./copy-token-button.tsx";
import type { NextStepHandlers } from "./run-next-steps.tsx";
import { RunHeading, RunView } from "./run-view.tsx";
import { useTestRun } from "./use-test-run.ts";

type Props = {
  teamId: string;
  appId: string;
  runId: string;
  profileName: string;
  nextSteps?: NextStepHandlers;
};

/**
 * A run followed live: queued, then "Sending…" with its attempts, then the verdict, without a
 * reload; until then it can be cancelled. When the server ends the stream (access gone), the
 * last state stays with the reason below it.
 */
export function TestRunResult({ teamId, appId, runId, profileName, nextSteps }: Props) {
  const { run, receive, error, retry } = useTestRun(teamId, appId, runId);
  const team = useTeam();
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
      {!isRunOver(run) && team.can("profile.test") && (
        <CancelRunButton teamId={teamId} appId={appId} runId={runId} onCancelled={receive} />
      )}
      {run?.status === "succeeded" && run.tokenFacts && team.can("profile.test") && (
        <CopyTokenButton teamId={teamId} appId={appId} profileName={profileName} run={run} />
      )}
      {run?.status === "succeeded" && (
        <AutoRefreshNote teamId={teamId} appId={appId} profileId={run.profileId} />
      )}
      {error && (
        <ErrorState title="Live updates stopped" message={messageOf(error)} onRetry={retry} />
      )}
    </>
  );
}
