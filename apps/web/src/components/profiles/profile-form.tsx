"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { toast } from "sonner";
import { errorCodeOf, fieldErrorsOf, messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { DialogClose, DialogFooter } from "../ui/dialog.tsx";
import { Alert } from "../ui/states.tsx";
import { AuthorizationFieldsSection } from "./authorization-fields-section.tsx";
import { AutoRefreshField } from "./auto-refresh-field.tsx";
import { ClientSecretField } from "./client-secret-field.tsx";
import { AuthorizationTypeField, ClientAuthField, TenancyField } from "./connection-options.tsx";
import {
  emptyProfileValues,
  type StoredProfile,
  toProfileInput,
  valuesFromProfile,
} from "./profile-form-values.ts";
import { RequestPreview } from "./request-preview.tsx";
import { ScopePairsField } from "./scope-pairs-field.tsx";
import { StaleEditAlert } from "./stale-edit-alert.tsx";
import { TextField } from "./text-field.tsx";
import { useProfileForm } from "./use-profile-form.ts";

type Props = {
  teamId: string;
  appId: string;
  /** The profile being edited; null for a new one. */
  stored: StoredProfile | null;
  onSaved: () => void;
  onReload: () => void;
};

// Input validation answers with paths under `profile.`; the domain's own errors without.
const withoutPrefix = (errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors).map(([path, m]) => [path.replace(/^profile\./, ""), m]),
  );

export function ProfileForm({ teamId, appId, stored, onSaved, onReload }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useProfileForm(stored ? valuesFromProfile(stored) : emptyProfileValues());
  const [version, setVersion] = useState(stored?.version ?? 0);
  const [stale, setStale] = useState<string | null>(null);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const formRef = useRef<HTMLFormElement>(null);

  const settled = async (name: string, verb: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.profile.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.app.get.queryKey({ teamId, appId }) });
    toast.success(`Profile "${name}" ${verb}`);
    onSaved();
  };
  const onError = (error: Parameters<typeof fieldErrorsOf>[0] & { message: string }) => {
    const fieldErrors = withoutPrefix(fieldErrorsOf(error));
    if (Object.keys(fieldErrors).length > 0) {
      form.setServerErrors(fieldErrors);
      focusFirstProblem();
    } else if (errorCodeOf(error) === "CONFLICT") {
      setStale(error.message);
    } else {
      toast.error(messageOf(error));
    }
  };
  const create = useMutation(
    trpc.profile.create.mutationOptions({
      onSuccess: () => settled(form.values.name.trim(), "created"),
      onError,
    }),
  );
  const update = useMutation(
    trpc.profile.update.mutationOptions({
      onSuccess: () => settled(form.values.name.trim(), "saved"),
      onError,
    }),
  );
  const pending = create.isPending || update.isPending;

  function focusFirstProblem() {
    requestAnimationFrame(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>(
        '[aria-invalid="true"], [data-problem="true"]',
      );
      invalid?.scrollIntoView({ block: "center" });
      invalid?.focus();
    });
  }

  function save(atVersion = version) {
    setStale(null);
    form.setServerErrors({});
    const profile = toProfileInput(form.values);
    if (stored) update.mutate({ teamId, appId, profileId: stored.id, version: atVersion, profile });
    else create.mutate({ teamId, appId, profile, autoRefresh });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    form.markSubmitted();
    if (!form.isValid) return focusFirstProblem();
    save();
  }

  async function saveOverLatest() {
    if (!stored) return;
    const latest = await queryClient.fetchQuery(
      trpc.profile.get.queryOptions({ teamId, appId, profileId: stored.id }, { staleTime: 0 }),
    );
    setVersion(latest.version);
    save(latest.version);
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <AuthorizationTypeField />
        <TextField
          form={form}
          path="name"
          label="Name"
          hint="How this profile is listed, e.g. Billing API (production); unique in the app."
        />
      </div>
      <TextField
        form={form}
        path="identityProviderName"
        label="Identity Provider Name"
        hint="The service that issues the tokens, e.g. Asana or Okta. Required."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          form={form}
          path="clientId"
          label="Client ID"
          hint="The identifier the provider issued to your client, e.g. 0oa4x7kq2. Up to 255 characters."
        />
        <ClientSecretField form={form} hasSaved={Boolean(stored?.hasClientSecret)} />
      </div>
      <ClientAuthField form={form} />
      <TextField
        form={form}
        path="tokenRequestUrl"
        label="Token Request URL"
        placeholder="https://auth.example.com/oauth2/token"
        hint="Where the token request is sent; http:// or https://. Write {key} where a Path Param goes and {tenant} for tenancy, in the path or query. Required."
      />
      <TenancyField form={form} />
      <ScopePairsField form={form} />
      <TextField
        form={form}
        path="refreshTokenUrl"
        label="Refresh Token URL"
        placeholder="Optional"
        hint="Where a refresh token is exchanged for a new access token. Without it, a new token is requested at the Token Request URL."
      />
      <TextField
        form={form}
        path="description"
        label="Description"
        multiline
        hint="Notes for your team, e.g. who owns this client and where it is registered. Optional."
      />
      <AuthorizationFieldsSection form={form} />
      {!stored && <AutoRefreshField checked={autoRefresh} onChange={setAutoRefresh} />}
      <RequestPreview teamId={teamId} appId={appId} form={form} />
      {form.unplaced.length > 0 && (
        <Alert>
          {form.unplaced.map((message) => (
            <span key={message} className="block">
              {message}
            </span>
          ))}
        </Alert>
      )}
      {stale && (
        <StaleEditAlert
          message={stale}
          onReload={onReload}
          onSaveOver={saveOverLatest}
          pending={pending}
        />
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" pending={pending}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}
