"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { safeNext } from "~/lib/safe-next.ts";
import { useTRPC } from "~/lib/trpc.tsx";

type Then = { invite?: string | undefined; teamName?: string | undefined; next?: string };

/**
 * What happens once someone is signed in: join the team of the invitation they came with, or
 * create the team they named, or go where they were headed.
 */
export function useAfterAuth() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const accept = useMutation(trpc.invitation.accept.mutationOptions());
  const createTeam = useMutation(trpc.team.create.mutationOptions());

  async function teamToOpen(then: Then): Promise<string | null> {
    if (then.invite) {
      const joined = await accept.mutateAsync({ token: then.invite });
      if (joined.alreadyMember) toast.info("You were already a member of this team");
      return joined.teamId;
    }
    if (then.teamName) return (await createTeam.mutateAsync({ name: then.teamName })).id;
    return null;
  }

  return async (then: Then) => {
    try {
      const teamId = await teamToOpen(then);
      if (!teamId) return router.replace(safeNext(then.next));
      await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
      router.replace(`/t/${teamId}`);
    } catch (error) {
      // Signed in already: the home page shows their teams or offers to create one.
      toast.error(
        error instanceof TRPCClientError ? messageOf(error) : "Something went wrong; try again",
      );
      router.replace("/");
    }
  };
}
