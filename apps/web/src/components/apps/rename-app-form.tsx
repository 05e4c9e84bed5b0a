"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { RenameForm } from "../ui/rename-form.tsx";

type Props = { teamId: string; app: { id: string; name: string } };

export function RenameAppForm({ teamId, app }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rename = useMutation(
    trpc.app.rename.mutationOptions({
      onSuccess: async (renamed) => {
        await Promise.all([
          queryClient.invalidateQueries({
            queryKey: trpc.app.get.queryKey({ teamId, appId: app.id }),
          }),
          queryClient.invalidateQueries({ queryKey: trpc.app.list.queryKey({ teamId }) }),
        ]);
        toast.success(`Renamed to "${renamed.name}"`);
      },
      onError: (error) => toastUnlessShown(error, ["name"]),
    }),
  );

  return (
    <RenameForm
      id="app-name"
      label="App name"
      current={app.name}
      submitLabel="Save"
      rename={{
        save: (name) => rename.mutate({ teamId, appId: app.id, name }),
        pending: rename.isPending,
        error: fieldErrorsOf(rename.error).name,
      }}
    />
  );
}
