"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { RevokeTokensChoice, revokedSummary } from "../tokens/revoke-tokens-choice.tsx";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";

type Props = {
  teamId: string;
  appId: string;
  profile: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
};

export function DeleteProfileDialog({
  teamId,
  appId,
  profile,
  open,
  onOpenChange,
  onDeleted,
}: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { teamId, appId, profileId: profile.id };
  // Only a profile whose provider has a revocation endpoint offers to revoke its tokens.
  const stored = useQuery({ ...trpc.profile.get.queryOptions(ref), enabled: open });
  const canRevoke = Boolean(stored.data?.revocationEndpoint);
  const [revoke, setRevoke] = useState(true);
  const revokeAll = useMutation(trpc.token.revokeAll.mutationOptions());
  const remove = useMutation(
    trpc.profile.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Profile "${profile.name}" deleted`);
        onOpenChange(false);
        onDeleted?.();
        queryClient.removeQueries({ queryKey: trpc.profile.get.queryKey(ref) });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.profile.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.app.get.queryKey({ teamId, appId }) }),
        ]);
      },
      onError: (error) => toast.error(messageOf(error)),
    }),
  );
  const confirm = async () => {
    if (canRevoke && revoke) {
      try {
        const summary = revokedSummary(await revokeAll.mutateAsync(ref));
        // A token the provider did not revoke stays valid there: keep the profile, so the
        // person can fix it and revoke again, or untick the box and delete anyway.
        if (!summary.ok) {
          toast.error(`${summary.text}. The profile was not deleted.`);
          return;
        }
        toast.success(summary.text);
      } catch (error) {
        toast.error(`${(error as Error).message}. The profile was not deleted.`);
        return;
      }
    }
    remove.mutate(ref);
  };
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete "${profile.name}"?`}
      description="Its secrets, its stored token and its test history are deleted with it; services fetching its token lose access. This cannot be undone."
      confirmLabel="Delete profile"
      danger
      pending={remove.isPending || revokeAll.isPending}
      onConfirm={confirm}
    >
      {canRevoke && (
        <RevokeTokensChoice
          id="delete-profile-revoke"
          label="Revoke its tokens at the provider first"
          hint="Tokens already handed to services stop working at once, instead of when they expire."
          checked={revoke}
          onChange={setRevoke}
        />
      )}
    </ConfirmDialog>
  );
}
