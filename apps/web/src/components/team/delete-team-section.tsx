"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { plural } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { DangerZone } from "../ui/danger-zone.tsx";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "../ui/dialog.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { useTeam } from "./team-context.tsx";

export function DeleteTeamSection() {
  const trpc = useTRPC();
  const team = useTeam();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [confirmName, setConfirmName] = useState("");
  const remove = useMutation(
    trpc.team.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
        toast.success(`Team "${team.name}" deleted`);
        router.push("/");
      },
      onError: (error) => toastUnlessShown(error, ["confirmName"]),
    }),
  );
  const error = fieldErrorsOf(remove.error).confirmName;
  const { apps, profiles, members } = team.counts;

  function onOpenChange(next: boolean) {
    if (remove.isPending) return;
    setOpen(next);
    setConfirmName("");
    remove.reset();
    // The counts the dialog names must be today's, not those of when the page loaded.
    if (next)
      void queryClient.invalidateQueries({ queryKey: trpc.team.get.queryKey({ teamId: team.id }) });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    remove.mutate({ teamId: team.id, confirmName });
  }

  return (
    <section aria-labelledby="danger-heading" className="grid gap-4">
      <h2 id="danger-heading" className="text-lg font-semibold">
        Danger zone
      </h2>
      <DangerZone
        title="Delete team"
        description="Deletes the team with its apps, authorization profiles, invitations and audit log."
        action={
          <Button variant="danger" onClick={() => onOpenChange(true)}>
            Delete team
          </Button>
        }
      />
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent>
          <DialogHeader
            title={`Delete ${team.name}?`}
            description={
              <>
                This deletes {plural(apps, "app")} and {plural(profiles, "authorization profile")},
                and removes {plural(members, "member")} (you included). Invitations and the audit
                log go with it. This cannot be undone.
              </>
            }
          />
          <form onSubmit={onSubmit} className="grid gap-4">
            <Field id="confirm-team-name" label={`Type "${team.name}" to confirm`} error={error}>
              <Input
                {...controlProps("confirm-team-name", error)}
                value={confirmName}
                onChange={(event) => setConfirmName(event.target.value)}
                autoComplete="off"
              />
            </Field>
            <DialogFooter>
              <Button
                type="submit"
                variant="danger"
                pending={remove.isPending}
                disabled={confirmName.trim() !== team.name}
              >
                Delete team
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </section>
  );
}
