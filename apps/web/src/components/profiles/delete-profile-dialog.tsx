"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
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
  const remove = useMutation(
    trpc.profile.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Profile "${profile.name}" deleted`);
        onOpenChange(false);
        onDeleted?.();
        queryClient.removeQueries({
          queryKey: trpc.profile.get.queryKey({ teamId, appId, profileId: profile.id }),
        });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.profile.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.app.get.queryKey({ teamId, appId }) }),
        ]);
      },
      onError: (error) => toast.error(messageOf(error)),
    }),
  );
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete "${profile.name}"?`}
      description="Its secrets, its stored token and its test history are deleted with it; services fetching its token lose access. This cannot be undone."
      confirmLabel="Delete profile"
      danger
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ teamId, appId, profileId: profile.id })}
    />
  );
}
