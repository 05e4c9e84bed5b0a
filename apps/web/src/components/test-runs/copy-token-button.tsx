"use client";
import { useMutation } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
import type { TestRun } from "./use-test-run.ts";

type Props = { teamId: string; appId: string; profileName: string; run: TestRun };

const AT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** When the test's token expires, from its answer's expires_in; unknown without one. */
function expiryOf(run: TestRun) {
  const seconds = run.tokenFacts?.expiresIn;
  if (!run.finishedAt || seconds === null || seconds === undefined) return null;
  return new Date(run.finishedAt.getTime() + seconds * 1000);
}

/**
 * "Copy token" on a passed test, after a confirmation: the token is asked for only then, goes
 * straight to the clipboard and is kept nowhere else (a mutation, so no query cache holds it).
 */
export function CopyTokenButton({ teamId, appId, profileName, run }: Props) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const reveal = useMutation(
    trpc.testRun.revealToken.mutationOptions({
      onError: (error) => {
        setOpen(false);
        toastUnlessShown(error);
      },
    }),
  );
  const expiresAt = expiryOf(run);
  const tenant = run.tenant ? ` (tenant ${run.tenant})` : "";

  async function copy() {
    const { accessToken } = await reveal.mutateAsync({ teamId, appId, runId: run.id });
    reveal.reset();
    setOpen(false);
    try {
      await navigator.clipboard.writeText(accessToken);
      toast.success("Access token copied to the clipboard");
    } catch {
      toast.error("The clipboard is not available here; nothing was copied");
    }
  }

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        className="justify-self-start"
        onClick={() => setOpen(true)}
      >
        <KeyRound aria-hidden />
        Copy token
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Copy the access token?"
        description={
          <>
            This copies the live access token this test obtained for {profileName}
            {tenant} to your clipboard. Anyone with it can call the API until it expires
            {expiresAt ? ` at ${AT.format(expiresAt)}` : ""}. If a refresh or another test has
            replaced it since, nothing is copied. The copy is recorded in the audit log.
          </>
        }
        confirmLabel="Copy token"
        pending={reveal.isPending}
        onConfirm={() => void copy().catch(() => {})}
      />
    </>
  );
}
