"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { toast } from "sonner";
import { messageOf, toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Textarea } from "../ui/input.tsx";
import { ErrorState } from "../ui/states.tsx";
import { useTeam } from "./team-context.tsx";

const HINT =
  "Token requests reach public addresses only. List the private identity providers this team needs, one per line: a host name (idp.internal), an address or a CIDR range (10.20.0.0/16), within what this Authdeck's operator lets teams allow. A host name never opens loopback, link-local or metadata addresses.";

type InactiveRule = { rule: string; reason: string };

/** Rules stored earlier that the operator's limit now leaves out: kept, but not in force. */
function InactiveRules({ inactive }: { inactive: InactiveRule[] }) {
  if (inactive.length === 0) return null;
  return (
    <div className="grid gap-1 text-sm" role="note" aria-labelledby="egress-inactive-heading">
      <p id="egress-inactive-heading" className="font-medium text-amber-800 dark:text-amber-300">
        Not in effect: token requests ignore these rules
      </p>
      <ul className="grid gap-1 pl-5 list-disc text-amber-800 dark:text-amber-300">
        {inactive.map(({ rule, reason }) => (
          <li key={rule}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}

/** Admins list the private hosts this team's token requests may reach, within the operator's limit. */
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
          {current.data && !current.data.teamsMayAllowAny && (
            <p className="text-sm text-muted">
              This Authdeck lets teams allow no private destinations: its operator decides what
              teams may open (AUTHDECK_EGRESS_TEAM_MAY_ALLOW).
            </p>
          )}
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
          <InactiveRules inactive={current.data?.inactive ?? []} />
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
