"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { roleLabel } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { ErrorState, ListSkeleton } from "../ui/states.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { useTeam } from "./team-context.tsx";

export function PendingInvitations() {
  const trpc = useTRPC();
  const team = useTeam();
  const queryClient = useQueryClient();
  const listKey = trpc.invitation.list.queryKey({ teamId: team.id });
  const invitations = useQuery(trpc.invitation.list.queryOptions({ teamId: team.id }));
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: listKey });
        toast.success("Invitation revoked: its link no longer works");
      },
      onError: (error) => toast.error(messageOf(error)),
    }),
  );

  if (invitations.isPending) return <ListSkeleton rows={2} label="Loading invitations" />;
  if (invitations.isError) {
    return (
      <ErrorState
        title="Invitations could not be loaded"
        message={messageOf(invitations.error)}
        onRetry={() => invitations.refetch()}
        retrying={invitations.isRefetching}
      />
    );
  }
  if (invitations.data.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No pending invitations. Links that were used, revoked or expired drop off this list.
      </p>
    );
  }

  return (
    <Table aria-label="Pending invitations">
      <thead>
        <tr>
          <Th>For</Th>
          <Th>Role</Th>
          <Th>Created by</Th>
          <Th>Created</Th>
          <Th>Expires</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {invitations.data.map((invitation) => (
          <Tr key={invitation.id}>
            <Td>{invitation.note ?? "—"}</Td>
            <Td>{roleLabel(invitation.role)}</Td>
            <Td>{invitation.createdBy}</Td>
            <Td className="text-zinc-600 dark:text-zinc-400">
              <RelativeTime at={invitation.createdAt} />
            </Td>
            <Td className="text-zinc-600 dark:text-zinc-400">
              <RelativeTime at={invitation.expiresAt} />
            </Td>
            <Td className="text-right">
              <Button
                variant="secondary"
                size="sm"
                pending={revoke.isPending && revoke.variables?.invitationId === invitation.id}
                onClick={() => revoke.mutate({ teamId: team.id, invitationId: invitation.id })}
                aria-label={`Revoke the ${roleLabel(invitation.role).toLowerCase()} invitation${invitation.note ? ` for ${invitation.note}` : ""}`}
              >
                Revoke
              </Button>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
