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

export function TransferOwnershipDialog({ member, open, onOpenChange }: Props) {
  const trpc = useTRPC();
  const team = useTeam();
  const refresh = useRefreshTeam(team.id);
  const transfer = useMutation(
    trpc.team.transferOwnership.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.success(`${member.name} now owns ${team.name}`);
        onOpenChange(false);
      },
      onError: (error) => toast.error(messageOf(error)),
    }),
  );

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Make ${member.name} the owner?`}
      description={`${member.name} becomes the owner of ${team.name}, the only one who can delete it or transfer it again. You stay on as an admin.`}
      confirmLabel="Transfer ownership"
      danger
      pending={transfer.isPending}
      onConfirm={() => transfer.mutate({ teamId: team.id, userId: member.userId })}
    />
  );
}
