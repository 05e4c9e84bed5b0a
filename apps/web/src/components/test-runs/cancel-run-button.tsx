"use client";
import { useMutation } from "@tanstack/react-query";
import { toastUnlessShown } from "~/lib/errors.ts";
import { type RouterOutputs, useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";

type Props = {
  teamId: string;
  appId: string;
  runId: string;
  onCancelled: (run: RouterOutputs["testRun"]["cancel"]) => void;
};

/** Ends a test that is still waiting; the verdict "cancelled" arrives like any other. */
export function CancelRunButton({ teamId, appId, runId, onCancelled }: Props) {
  const trpc = useTRPC();
  const cancel = useMutation(
    trpc.testRun.cancel.mutationOptions({
      onSuccess: onCancelled,
      onError: (error) => toastUnlessShown(error),
    }),
  );
  return (
    <Button
      variant="secondary"
      size="sm"
      className="justify-self-start"
      pending={cancel.isPending}
      onClick={() => cancel.mutate({ teamId, appId, runId })}
    >
      Cancel test
    </Button>
  );
}
