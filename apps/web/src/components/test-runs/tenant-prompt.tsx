"use client";
import { useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { DialogClose, DialogFooter } from "../ui/dialog.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";

type Props = {
  teamId: string;
  appId: string;
  profileId: string;
  tenant: string;
  onTenantChange: (tenant: string) => void;
  error: string | undefined;
  pending: boolean;
  onSubmit: (event: FormEvent) => void;
};

/**
 * The tenant a Test of a profile with tenancy fills in, with the tenants its tokens were last
 * asked for offered one press away.
 */
export function TenantPrompt(props: Props) {
  const { teamId, appId, profileId, tenant, error } = props;
  const trpc = useTRPC();
  const recent = useQuery(trpc.token.recentTenants.queryOptions({ teamId, appId, profileId }));
  const offered = recent.data ?? [];

  return (
    <form onSubmit={props.onSubmit} className="grid gap-4">
      <Field
        id="test-tenant"
        label="Tenant"
        hint="Fills {tenant} in the profile's URLs for this test: letters, digits, '.', '_' or '-'."
        error={error}
      >
        <Input
          {...controlProps("test-tenant", error, true)}
          value={tenant}
          autoFocus
          required
          onChange={(event) => props.onTenantChange(event.target.value)}
        />
      </Field>
      {offered.length > 0 && (
        <fieldset className="grid gap-2">
          <legend className="text-sm font-medium">Recently used</legend>
          <div className="flex flex-wrap gap-2">
            {offered.map((name) => (
              <Button
                key={name}
                type="button"
                variant="secondary"
                size="sm"
                aria-pressed={name === tenant}
                onClick={() => props.onTenantChange(name)}
              >
                {name}
              </Button>
            ))}
          </div>
        </fieldset>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" pending={props.pending}>
          Test
        </Button>
      </DialogFooter>
    </form>
  );
}
