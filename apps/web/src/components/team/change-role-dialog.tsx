"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { roleLabel } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "../ui/dialog.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Select } from "../ui/input.tsx";
import type { TeamMember } from "./member-actions.tsx";
import { ASSIGNABLE_ROLES, type AssignableRole, ROLE_HINTS } from "./roles.ts";
import { useTeam } from "./team-context.tsx";
import { useRefreshTeam } from "./use-refresh-team.ts";

type Props = { member: TeamMember; open: boolean; onOpenChange: (open: boolean) => void };

export function ChangeRoleDialog({ member, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const team = useTeam();
  const refresh = useRefreshTeam(team.id);
  const [role, setRole] = useState<AssignableRole>(member.role === "owner" ? "admin" : member.role);
  const change = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: async (changed) => {
        await refresh();
        toast.success(`${member.name} is now ${roleLabel(changed.role).toLowerCase()}`);
        onOpenChange(false);
      },
      onError: (error) => toastUnlessShown(error, ["role"]),
    }),
  );
  const error = fieldErrorsOf(change.error).role;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    change.mutate({ teamId: team.id, userId: member.userId, role });
  }

  return (
    <Dialog open={open} onOpenChange={(next) => !change.isPending && onOpenChange(next)}>
      <DialogContent>
        <DialogHeader title={`Change ${member.name}'s role`} description={member.email} />
        <form onSubmit={onSubmit} className="grid gap-4">
          <Field id="member-role" label="Role" hint={ROLE_HINTS[role]} error={error}>
            <Select
              {...controlProps("member-role", error, true)}
              value={role}
              onChange={(event) => setRole(event.target.value as AssignableRole)}
            >
              {ASSIGNABLE_ROLES.map((value) => (
                <option key={value} value={value}>
                  {roleLabel(value)}
                </option>
              ))}
            </Select>
          </Field>
          <DialogFooter>
            <Button type="submit" pending={change.isPending} disabled={role === member.role}>
              Save role
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
