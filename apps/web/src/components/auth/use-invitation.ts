"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc.tsx";

/** What an invitation link offers; idle when there is no token. */
export function useInvitationPreview(token: string | undefined) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.invitation.preview.queryOptions({ token: token ?? "" }),
    enabled: Boolean(token),
    retry: false,
  });
}
