"use client";
import { fieldErrorsOf, type Role } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { roleLabel } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Select } from "../ui/input.tsx";
import { InviteLink } from "./invite-link.tsx";
import { PendingInvitations } from "./pending-invitations.tsx";
import { ASSIGNABLE_ROLES, type AssignableRole, ROLE_HINTS } from "./roles.ts";
import { useTeam } from "./team-context.tsx";

export function InvitationsSection() {
  const trpc = useTRPC();
  const team = useTeam();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<AssignableRole>("viewer");
  const [note, setNote] = useState("");
  const [link, setLink] = useState<{ url: string; role: Role; expiresAt: Date } | null>(null);
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: async (invitation) => {
        setLink({
          url: `${window.location.origin}/invite/${invitation.token}`,
          role: invitation.role,
          expiresAt: invitation.expiresAt,
        });
        setNote("");
        toast.success("Invite link created");
        await queryClient.invalidateQueries({
          queryKey: trpc.invitation.list.queryKey({ teamId: team.id }),
        });
      },
      onError: (error) => toastUnlessShown(error, ["role", "note"]),
    }),
  );
  const errors = fieldErrorsOf(create.error);
  const error = errors.role;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ teamId: team.id, role, note });
  }

  return (
    <section aria-labelledby="invitations-heading" className="grid gap-4">
      <div>
        <h2 id="invitations-heading" className="text-lg font-semibold">
          Invitations
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          An invite link lets one person join {team.name} with the role you choose. It works for 7
          days.
        </p>
      </div>
      <form onSubmit={onSubmit} className="grid gap-4">
        <Field
          id="invite-note"
          label="Note (optional)"
          hint="Who the link is for, e.g. Dana in billing: it tells pending links apart."
          error={errors.note}
        >
          <Input
            {...controlProps("invite-note", errors.note, true)}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={100}
            className="max-w-md"
          />
        </Field>
        <Field id="invite-role" label="Role" hint={ROLE_HINTS[role]} error={error}>
          <div className="flex flex-wrap gap-3">
            <Select
              {...controlProps("invite-role", error, true)}
              value={role}
              onChange={(event) => setRole(event.target.value as AssignableRole)}
              className="w-48"
            >
              {ASSIGNABLE_ROLES.map((value) => (
                <option key={value} value={value}>
                  {roleLabel(value)}
                </option>
              ))}
            </Select>
            <Button type="submit" pending={create.isPending}>
              Create invite link
            </Button>
          </div>
        </Field>
      </form>
      {link && <InviteLink {...link} onDone={() => setLink(null)} />}
      <h3 className="mt-2 font-medium">Pending invitations</h3>
      <PendingInvitations />
    </section>
  );
}
