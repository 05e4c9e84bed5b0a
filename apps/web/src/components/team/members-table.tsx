"use client";
import { useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { messageOf } from "~/lib/errors.ts";
import { roleLabel } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Badge } from "../ui/badge.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { EmptyState, ErrorState, ListSkeleton } from "../ui/states.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { MemberActions } from "./member-actions.tsx";
import { useTeam } from "./team-context.tsx";

export function MembersTable() {
  const trpc = useTRPC();
  const team = useTeam();
  const members = useQuery(trpc.member.list.queryOptions({ teamId: team.id }));

  if (members.isPending) return <ListSkeleton label="Loading members" />;
  if (members.isError) {
    return (
      <ErrorState
        title="Members could not be loaded"
        message={messageOf(members.error)}
        onRetry={() => members.refetch()}
        retrying={members.isRefetching}
      />
    );
  }
  // Never empty while you are a member yourself; shown if the list races with your removal.
  if (members.data.length === 0) return <EmptyState icon={<Users />} title="No members" />;

  return (
    <Table>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Joined</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {members.data.map((member) => (
          <Tr key={member.userId}>
            <Td className="font-medium">
              {member.name}
              {member.isYou && <span className="ml-2 text-xs text-muted">(you)</span>}
            </Td>
            <Td className="text-zinc-600 dark:text-zinc-400">{member.email}</Td>
            <Td>
              <Badge>{roleLabel(member.role)}</Badge>
            </Td>
            <Td className="text-zinc-600 dark:text-zinc-400">
              <RelativeTime at={member.joinedAt} />
            </Td>
            <Td className="text-right">
              <MemberActions member={member} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
