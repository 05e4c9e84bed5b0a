"use client";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { type ReactNode, useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Dialog, DialogContent, DialogHeader } from "../ui/dialog.tsx";
import { ErrorState, Skeleton } from "../ui/states.tsx";

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
};

/** "New Authorization Mechanism" and "Edit Authorization Mechanism": one dialog, one form. */
export function ProfileDialog({ teamId, appId, profileId, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Bumped to start the form again from the stored profile, after someone else saved it.
  const [generation, setGeneration] = useState(0);
  const input = profileId && open ? { teamId, appId, profileId } : skipToken;
  // Always read afresh: an edit must start from the version that is stored now.
  const profile = useQuery(trpc.profile.get.queryOptions(input, { staleTime: 0 }));
  const title = profileId ? "Edit Authorization Mechanism" : "New Authorization Mechanism";

  async function reload() {
    if (!profileId) return;
    await queryClient.fetchQuery(
      trpc.profile.get.queryOptions({ teamId, appId, profileId }, { staleTime: 0 }),
    );
    setGeneration((n) => n + 1);
  }

  let body: ReactNode;
  if (!profileId) {
    body = (
      <ProfileForm
        teamId={teamId}
        appId={appId}
        stored={null}
        onSaved={() => onOpenChange(false)}
        onReload={() => {}}
      />
    );
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
        teamId={teamId}
        appId={appId}
        stored={profile.data}
        onSaved={() => onOpenChange(false)}
        onReload={reload}
      />
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="max-w-2xl"
        // A click outside would throw away everything typed so far.
        onInteractOutside={(event) => event.preventDefault()}
      >
        <DialogHeader
          title={title}
          description="An OAuth 2.0 client credentials grant: where to ask for a token, and with what."
        />
        {body}
      </DialogContent>
    </Dialog>
  );
}
