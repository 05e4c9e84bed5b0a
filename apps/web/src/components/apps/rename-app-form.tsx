"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";

type Props = { teamId: string; app: { id: string; name: string } };

export function RenameAppForm({ teamId, app }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(app.name);
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
  const error = fieldErrorsOf(rename.error).name;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    rename.mutate({ teamId, appId: app.id, name });
  }

  return (
    <form onSubmit={onSubmit} className="grid max-w-md gap-4">
      <Field id="app-name" label="App name" error={error}>
        <Input
          {...controlProps("app-name", error)}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={80}
          required
        />
      </Field>
      <div>
        <Button type="submit" pending={rename.isPending} disabled={name.trim() === app.name}>
          Save
        </Button>
      </div>
    </form>
  );
}
