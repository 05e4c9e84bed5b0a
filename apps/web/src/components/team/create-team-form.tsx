"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";

/** Creates a team owned by the signed-in person and opens it. */
export function CreateTeamForm({ onCreated }: { onCreated?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.team.create.mutationOptions({
      onSuccess: async (team) => {
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
        toast.success(`Team "${team.name}" created`);
        onCreated?.();
        router.push(`/t/${team.id}`);
      },
      onError: (error) => toastUnlessShown(error, ["name"]),
    }),
  );
  const error = fieldErrorsOf(create.error).name;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <Field id="team-name" label="Team name" error={error}>
        <Input
          {...controlProps("team-name", error)}
          value={name}
          onChange={(event) => setName(event.target.value)}
          autoComplete="organization"
          maxLength={80}
          required
        />
      </Field>
      <Button type="submit" pending={create.isPending}>
        Create team
      </Button>
    </form>
  );
}
