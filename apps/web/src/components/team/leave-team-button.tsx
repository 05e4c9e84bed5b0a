"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
import { useTeam } from "./team-context.tsx";

export function LeaveTeamButton() {
  const trpc = useTRPC();
  const team = useTeam();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const leave = useMutation(
    trpc.team.leave.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
        toast.success(`You left ${team.name}`);
        router.push("/");
      },
      onError: (error) => toast.error(messageOf(error)),
    }),
  );

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Leave team
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Leave ${team.name}?`}
        description="You lose access at once. To come back you need a new invitation link."
        confirmLabel="Leave team"
        danger
        pending={leave.isPending}
        onConfirm={() => leave.mutate({ teamId: team.id })}
      />
    </>
  );
}
