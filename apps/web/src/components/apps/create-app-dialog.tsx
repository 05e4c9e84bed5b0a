"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTrigger } from "../ui/dialog.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";

export function CreateAppDialog({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.app.create.mutationOptions({
      onSuccess: async (app) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.app.list.queryKey({ teamId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.team.get.queryKey({ teamId }) }),
        ]);
        toast.success(`App "${app.name}" created`);
        setOpen(false);
        // A new app is made to be filled: its profiles page is where the next step is.
        router.push(`/t/${teamId}/apps/${app.id}/profiles`);
      },
      onError: (error) => toastUnlessShown(error, ["name"]),
    }),
  );
  const error = fieldErrorsOf(create.error).name;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      setName("");
      create.reset();
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ teamId, name });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          New app
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader
          title="New app"
          description="Name it after the service whose credentials it will hold."
        />
        <form onSubmit={onSubmit} className="grid gap-4">
          <Field id="app-name" label="Name" error={error}>
            <Input
              {...controlProps("app-name", error)}
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={80}
              required
            />
          </Field>
          <DialogFooter>
            <Button type="submit" pending={create.isPending}>
              Create app
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
