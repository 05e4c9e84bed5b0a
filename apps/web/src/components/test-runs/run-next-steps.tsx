"use client";
import { type FixField, toCurl } from "@authdeck/core/client";
import { Pencil, RotateCw } from "lucide-react";
import { useTeam } from "../team/team-context.tsx";
import { Button } from "../ui/button.tsx";
import { CopyButton } from "../ui/copy-button.tsx";
import { useStartTest } from "./use-start-test.ts";
import type { TestRun } from "./use-test-run.ts";

export type NextStepHandlers = {
  /** A new test was queued from the result: show it in place of this one. */
  onStarted: (runId: string) => void;
  /** Open the profile's edit dialog, at the field the verdict points to when there is one. */
  onEdit?: ((field: FixField | null) => void) | undefined;
};

type Props = NextStepHandlers & {
  teamId: string;
  appId: string;
  run: TestRun;
  fixField: FixField | null;
};

/** What to do after a verdict: test again, fix the profile, or take the request elsewhere. */
export function RunNextSteps({ teamId, appId, run, fixField, onStarted, onEdit }: Props) {
  const team = useTeam();
  const start = useStartTest();

  function testAgain() {
    start.mutate(
      {
        teamId,
        appId,
        profileId: run.profileId,
        ...(run.tenant === null ? {} : { tenant: run.tenant }),
      },
      { onSuccess: ({ runId }) => onStarted(runId) },
    );
  }

  return (
    <div className="flex flex-wrap gap-2">
      {team.can("profile.test") && (
        <Button size="sm" onClick={testAgain} pending={start.isPending}>
          {!start.isPending && <RotateCw aria-hidden />}
          Test again
        </Button>
      )}
      {onEdit && team.can("profile.write") && (
        <Button variant="secondary" size="sm" onClick={() => onEdit(fixField)}>
          <Pencil aria-hidden />
          Edit profile
        </Button>
      )}
      {run.request && (
        // The stored request is masked: the command carries ******** where the secrets went.
        <CopyButton text={toCurl(run.request)} label="Copy as curl" shown="Copy as curl" />
      )}
    </div>
  );
}
