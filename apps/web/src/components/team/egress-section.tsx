"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { toast } from "sonner";
import { fieldErrorsOf, messageOf, toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Textarea } from "../ui/input.tsx";
import { ErrorState } from "../ui/states.tsx";
import { useTeam } from "./team-context.tsx";

const HINT =
  "Token requests reach public addresses only. List private identity providers here, one per line: a host name (idp.internal), an address or a CIDR range (10.20.0.0/16).";

/** Admins list the private hosts this team's token requests may reach. */
export function EgressSection() {
  const trpc = useTRPC();
  const team = useTeam();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.team.egressAllowlist.queryOptions({ teamId: team.id }));
  const [text, setText] = useState("");
  useEffect(() => {
    if (current.data) setText(current.data.rules.join("\n"));
  }, [current.data]);
  const save = useMutation(
    trpc.team.setEgressAllowlist.mutationOptions({
      onSuccess: async () => {
        toast.success("Egress allowlist saved");
        await queryClient.invalidateQueries({
          queryKey: trpc.team.egressAllowlist.queryKey({ teamId: team.id }),
        });
      },
      onError: (error) => toastUnlessShown(error, ["rules"]),
    }),
  );
  const error = fieldErrorsOf(save.error).rules;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ teamId: team.id, rules: text.split("\n") });
  }

  return (
    <section aria-labelledby="egress-heading" className="grid gap-4">
      <h2 id="egress-heading" className="text-lg font-semibold">
        Egress allowlist
      </h2>
      {current.isError ? (
        // Without the stored list, saving would replace it with whatever is in the box.
        <ErrorState
          title="The allowlist could not be loaded"
          message={messageOf(current.error)}
          onRetry={() => current.refetch()}
          retrying={current.isRefetching}
        />
      ) : (
        <form onSubmit={onSubmit} className="grid gap-3">
          <Field id="egress-rules" label="Private hosts and ranges" hint={HINT} error={error}>
            <Textarea
              {...controlProps("egress-rules", error, HINT)}
              rows={4}
              value={text}
              disabled={current.isPending}
              onChange={(event) => setText(event.target.value)}
              className="font-mono"
            />
          </Field>
          <div>
            <Button type="submit" pending={save.isPending} disabled={current.isPending}>
              Save allowlist
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
