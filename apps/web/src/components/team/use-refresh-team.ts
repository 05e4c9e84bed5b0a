"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc.tsx";

/** After a change to who is in the team: members, counts, roles and the audit log move. */
export function useRefreshTeam(teamId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey({ teamId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.team.get.queryKey({ teamId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() }),
    ]);
}
