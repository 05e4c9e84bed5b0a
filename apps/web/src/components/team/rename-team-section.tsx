"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { RenameForm } from "../ui/rename-form.tsx";
import { useTeam } from "./team-context.tsx";
import { useRefreshTeam } from "./use-refresh-team.ts";

/** Owners and admins rename the team; the switcher and every page take the new name at once. */
export function RenameTeamSection() {
  const trpc = useTRPC();
  const team = useTeam();
  const refresh = useRefreshTeam(team.id);
  const rename = useMutation(
    trpc.team.rename.mutationOptions({
      onSuccess: async (renamed) => {
        await refresh();
        toast.success(`Team renamed to "${renamed.name}"`);
      },
      onError: (error) => toastUnlessShown(error, ["name"]),
    }),
  );

  return (
    <section aria-labelledby="rename-team-heading" className="grid gap-4">
      <h2 id="rename-team-heading" className="text-lg font-semibold">
        Team name
      </h2>
      <RenameForm
        id="team-name"
        label="Team name"
        current={team.name}
        submitLabel="Rename team"
        rename={{
          save: (name) => rename.mutate({ teamId: team.id, name }),
          pending: rename.isPending,
          error: fieldErrorsOf(rename.error).name,
        }}
      />
    </section>
  );
}
