"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { useTeam } from "./team-context.tsx";
import { useRefreshTeam } from "./use-refresh-team.ts";

/** Owners and admins rename the team; the switcher and every page take the new name at once. */
export function RenameTeamSection() {
  const trpc = useTRPC();
  const team = useTeam();
  const refresh = useRefreshTeam(team.id);
  const [name, setName] = useState(team.name);
  const rename = useMutation(
    trpc.team.rename.mutationOptions({
      onSuccess: async (renamed) => {
        await refresh();
        toast.success(`Team renamed to "${renamed.name}"`);
      },
      onError: (error) => toastUnlessShown(error, ["name"]),
    }),
  );
  const error = fieldErrorsOf(rename.error).name;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    rename.mutate({ teamId: team.id, name });
  }

  return (
    <section aria-labelledby="rename-team-heading" className="grid gap-4">
      <h2 id="rename-team-heading" className="text-lg font-semibold">
        Team name
      </h2>
      <form onSubmit={onSubmit} className="grid max-w-md gap-4">
        <Field id="team-name" label="Team name" error={error}>
          <Input
            {...controlProps("team-name", error)}
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={80}
            required
          />
        </Field>
        <div>
          <Button type="submit" pending={rename.isPending} disabled={name.trim() === team.name}>
            Rename team
          </Button>
        </div>
      </form>
    </section>
  );
}
