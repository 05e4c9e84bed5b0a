"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { keepVerdict } from "../test-runs/use-start-test.ts";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Textarea } from "../ui/input.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { Alert } from "../ui/states.tsx";
import type { StoredProfile } from "./profile-form-values.ts";

const ROLE_LABELS = { current: "Current", next: "Next", previous: "Previous" } as const;

/**
 * A private_key_jwt profile's keys and their rotation, under the summary with its JWKS URL: add the next key
 * (published at once), Test with it, switch to it once such a Test passed, retire the old one.
 */
export function SigningKeys(props: {
  profile: StoredProfile;
  appId: string;
  onTestStarted: (runId: string) => void;
}) {
  const { profile, appId } = props;
  const trpc = useTRPC();
  const team = useTeam();
  const queryClient = useQueryClient();
  const [privateKey, setPrivateKey] = useState("");
  // With tenancy on, the test with the next key fills {tenant} as any other Test does.
  const [tenant, setTenant] = useState("");
  const keyFieldId = useId();
  const tenantFieldId = useId();
  const ref = { teamId: team.id, appId, profileId: profile.id };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.profile.get.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.testRun.list.pathKey() });
  };
  const add = useMutation(
    trpc.profile.addNextKey.mutationOptions({
      onSuccess: () => {
        setPrivateKey("");
        refresh();
      },
    }),
  );
  const test = useMutation(
    trpc.testRun.start.mutationOptions({
      onSuccess: (started, input) => {
        keepVerdict(queryClient, trpc, input, started);
        refresh();
        props.onTestStarted(started.runId);
      },
    }),
  );
  const switchKey = useMutation(
    trpc.profile.switchToNextKey.mutationOptions({ onSuccess: refresh }),
  );
  const retire = useMutation(
    trpc.profile.retirePreviousKey.mutationOptions({ onSuccess: refresh }),
  );
  const tenantError = fieldErrorsOf(test.error).tenant;
  const failed = [add, test, switchKey, retire].find((m) => m.isError)?.error;
  const has = (role: string) => profile.keys.some((k) => k.role === role);
  const reset = () => {
    for (const m of [add, test, switchKey, retire]) m.reset();
  };

  return (
    <section aria-labelledby="signing-keys-heading" className="grid gap-3">
      <h3 id="signing-keys-heading" className="font-semibold">
        Signing keys
      </h3>
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr>
            <th className="py-1 font-medium">Role</th>
            <th className="py-1 font-medium">kid</th>
            <th className="py-1 font-medium">Added</th>
          </tr>
        </thead>
        <tbody>
          {profile.keys.map((key) => (
            <tr key={key.kid} data-role={key.role}>
              <td className="py-1">{ROLE_LABELS[key.role]}</td>
              <td className="py-1 font-mono text-xs break-all">{key.kid}</td>
              <td className="py-1">
                {key.addedAt ? (
                  <RelativeTime at={key.addedAt} />
                ) : (
                  <span className="text-muted">Unknown</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {team.can("profile.write") && (
        <div className="grid gap-2">
          <label htmlFor={keyFieldId} className="text-xs font-medium text-muted">
            Next private key (optional: PEM or JWK; empty generates one with{" "}
            {profile.signingAlgorithm})
          </label>
          <Textarea
            id={keyFieldId}
            rows={2}
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs"
            value={privateKey}
            onChange={(event) => setPrivateKey(event.target.value)}
          />
          {has("next") && profile.tenancyEnabled && team.can("profile.test") && (
            <Field
              id={tenantFieldId}
              label="Tenant for the test with the next key"
              hint="Fills {tenant} in the profile's URLs for this test."
              error={tenantError}
              className="max-w-sm"
            >
              <Input
                {...controlProps(tenantFieldId, tenantError, true)}
                value={tenant}
                autoComplete="off"
                onChange={(event) => setTenant(event.target.value)}
              />
            </Field>
          )}
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="secondary"
              pending={add.isPending}
              onClick={() => {
                reset();
                add.mutate({ ...ref, privateKey });
              }}
            >
              Add next key
            </Button>
            {has("next") && team.can("profile.test") && (
              <Button
                size="sm"
                variant="secondary"
                pending={test.isPending}
                onClick={() => {
                  reset();
                  test.mutate({
                    ...ref,
                    withNextKey: true,
                    ...(profile.tenancyEnabled ? { tenant } : {}),
                  });
                }}
              >
                Test with next key
              </Button>
            )}
            {has("next") && (
              <Button
                size="sm"
                variant="secondary"
                pending={switchKey.isPending}
                onClick={() => {
                  reset();
                  switchKey.mutate(ref);
                }}
              >
                Switch to next key
              </Button>
            )}
            {has("previous") && (
              <Button
                size="sm"
                variant="ghost"
                pending={retire.isPending}
                onClick={() => {
                  reset();
                  retire.mutate(ref);
                }}
              >
                Retire previous key
              </Button>
            )}
          </div>
          {has("next") && (
            <p className="text-xs text-muted">
              Providers cache the JWKS, often for minutes up to an hour: a Test with the next key
              right after adding it may fail until the provider fetches the JWKS again.
            </p>
          )}
        </div>
      )}
      {failed && !tenantError && <Alert>{messageOf(failed)}</Alert>}
    </section>
  );
}
