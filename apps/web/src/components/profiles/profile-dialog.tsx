"use client";
import type { FixField } from "@authdeck/core/client";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { type ReactNode, useCallback, useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useStartTest } from "../test-runs/use-start-test.ts";
import { Dialog, DialogContent, DialogHeader } from "../ui/dialog.tsx";
import { ErrorState, Skeleton } from "../ui/states.tsx";
import { DiscardChangesDialog } from "./discard-changes-dialog.tsx";

// The form and the shared schema it validates with load when the dialog first opens, not with
// the list or detail page behind it.
const ProfileForm = dynamic(() => import("./profile-form.tsx").then((m) => m.ProfileForm), {
  loading: () => (
    <div role="status" aria-label="Loading the form">
      <Skeleton className="h-96 w-full" />
    </div>
  ),
});

type Props = {
  teamId: string;
  appId: string;
  /** The profile to edit; null opens the dialog for a new one. */
  profileId: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The field to open at, e.g. the one a failed test's verdict points to. */
  focusField?: FixField | null | undefined;
  /**
   * After Save & Test: the test was queued. Without it, the profile's page opens to show the run.
   */
  onTestStarted?: ((runId: string) => void) | undefined;
};

/** "New Authorization Mechanism" and "Edit Authorization Mechanism": one dialog, one form. */
export function ProfileDialog(props: Props) {
  const { teamId, appId, profileId, open, onOpenChange, focusField, onTestStarted } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const startTest = useStartTest();
  // Bumped to start the form again from the stored profile, after someone else saved it.
  const [generation, setGeneration] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const input = profileId && open ? { teamId, appId, profileId } : skipToken;
  // Always read afresh: an edit must start from the version that is stored now.
  const profile = useQuery(trpc.profile.get.queryOptions(input, { staleTime: 0 }));
  const title = profileId ? "Edit Authorization Mechanism" : "New Authorization Mechanism";
  const onDirtyChange = useCallback((next: boolean) => setDirty(next), []);

  function close() {
    setDirty(false);
    setConfirming(false);
    onOpenChange(false);
  }

  /** Escape, the close button and Cancel all come here: changed work is not lost unasked. */
  function requestOpenChange(next: boolean) {
    if (next) onOpenChange(true);
    else if (dirty) setConfirming(true);
    else close();
  }

  async function onSaved(saved: { id: string }, then: "close" | "test") {
    if (then !== "test") return close();
    // Queued before the dialog closes: once closed, its parent may unmount it, and a call's own
    // callbacks never run for an unmounted component.
    const started = await startTest.mutateAsync({ teamId, appId, profileId: saved.id }).catch(
      // Saved all the same; useStartTest already said why the test did not start.
      () => null,
    );
    close();
    if (!started) return;
    if (onTestStarted) onTestStarted(started.runId);
    else router.push(`/t/${teamId}/apps/${appId}/profiles/${saved.id}`);
  }

  async function reload() {
    if (!profileId) return;
    await queryClient.fetchQuery(
      trpc.profile.get.queryOptions({ teamId, appId, profileId }, { staleTime: 0 }),
    );
    setGeneration((n) => n + 1);
  }

  const formProps = { teamId, appId, onSaved, focusField, onDirtyChange };
  let body: ReactNode;
  if (!profileId) {
    body = <ProfileForm {...formProps} stored={null} onReload={() => {}} />;
  } else if (profile.isPending) {
    body = (
      <div role="status" aria-label="Loading the profile" className="grid gap-3">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  } else if (profile.isError) {
    body = (
      <ErrorState
        title="The profile could not be loaded"
        message={messageOf(profile.error)}
        onRetry={() => profile.refetch()}
        retrying={profile.isRefetching}
      />
    );
  } else {
    body = (
      <ProfileForm
        key={`${profile.data.id}:${generation}`}
        {...formProps}
        stored={profile.data}
        onReload={reload}
      />
    );
  }

  return (
    <Dialog open={open} onOpenChange={requestOpenChange}>
      <DialogContent
        // A full-screen sheet on phones: the form is long, and a floating card leaves no room.
        className="max-w-2xl max-sm:top-0 max-sm:left-0 max-sm:h-dvh max-sm:max-h-dvh max-sm:w-full max-sm:max-w-none max-sm:translate-x-0 max-sm:translate-y-0 max-sm:rounded-none max-sm:border-0"
        // A click outside would throw away everything typed so far.
        onInteractOutside={(event) => event.preventDefault()}
        // The form loads after the dialog opens and then focuses its first field (or the one
        // asked for); until then the focus waits on the dialog, not on its close button.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          (event.currentTarget as HTMLElement | null)?.focus();
        }}
      >
        <DialogHeader
          title={title}
          description="An OAuth 2.0 client credentials grant: where to ask for a token, and with what."
        />
        {body}
        <DiscardChangesDialog
          open={confirming}
          onKeep={() => setConfirming(false)}
          onDiscard={close}
        />
      </DialogContent>
    </Dialog>
  );
}
