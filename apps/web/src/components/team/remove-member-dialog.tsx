"use client";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
import type { TeamMember } from "./member-actions.tsx";
import { useTeam } from "./team-context.tsx";
import { useRefreshTeam } from "./use-refresh-team.ts";

type Props = { member: TeamMember; open: boolean; onOpenChange: (open: boolean) => void };

export function RemoveMemberDialog({ member, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const team = useTeam();
  const refresh = useRefreshTeam(team.id);
  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.success(`${member.name} was removed from ${team.name}`);
        onOpenChange(false);
      },
      onError: (error) => toast.error(messageOf(error)),
    }),
  );

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Remove ${member.name}?`}
      description={`${member.email} loses access to ${team.name} at once. To come back they need a new invitation link.`}
      confirmLabel="Remove member"
      danger
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ teamId: team.id, userId: member.userId })}
    />
  );
}
