"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { plural } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
import { DangerZone } from "../ui/danger-zone.tsx";

type Props = { teamId: string; app: { id: string; name: string; profileCount: number } };

export function DeleteAppSection({ teamId, app }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const appKey = trpc.app.get.queryKey({ teamId, appId: app.id });
  const remove = useMutation(
    trpc.app.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`App "${app.name}" deleted`);
        router.push(`/t/${teamId}`);
        void queryClient.invalidateQueries({ queryKey: trpc.app.list.queryKey({ teamId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.team.get.queryKey({ teamId }) });
      },
      onError: async (error) => {
        toast.error(messageOf(error));
        // A profile may have been added meanwhile: show the count the server now has.
        await queryClient.invalidateQueries({ queryKey: appKey });
      },
    }),
  );

  const profiles = plural(app.profileCount, "authorization profile");
  return (
    <DangerZone
      title="Delete app"
      description={
        app.profileCount === 0
          ? "Deletes the app. It has no authorization profiles yet."
          : `Deletes the app and its ${profiles}. Services using their tokens lose access.`
      }
      action={
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete app
        </Button>
      }
    >
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete "${app.name}"?`}
        description={
          app.profileCount === 0
            ? "The app has no authorization profiles. This cannot be undone."
            : `Its ${profiles} will be deleted with it. This cannot be undone.`
        }
        confirmLabel={app.profileCount === 0 ? "Delete app" : `Delete app and ${profiles}`}
        danger
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate({ teamId, appId: app.id, confirmProfileCount: app.profileCount })
        }
      />
    </DangerZone>
  );
}
