"use client";
import {
  ASSERTION_METHODS,
  CERTIFICATE_METHODS,
  type FixField,
  fieldErrorsOf,
  KEY_METHODS,
  placeholdersIn,
  SECRET_METHODS,
} from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { errorCodeOf, messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { RevokeTokensChoice, revokedSummary } from "../tokens/revoke-tokens-choice.tsx";
import { Alert } from "../ui/states.tsx";
import { ADVANCED_PATH, AdvancedFields } from "./advanced-fields.tsx";
import { API_CALLS_PATH, ApiCallsSection } from "./api-calls-section.tsx";
import { AssertionFields } from "./assertion-fields.tsx";
import type { PathParamRequest } from "./authorization-fields-section.tsx";
import { AutoRefreshField } from "./auto-refresh-field.tsx";
import { CertificateFields } from "./certificate-fields.tsx";
import { ClientSecretField } from "./client-secret-field.tsx";
import {
  AuthorizationTypeField,
  ClientAuthField,
  DpopField,
  TenancyField,
} from "./connection-options.tsx";
import { ProfileFormFooter } from "./profile-form-footer.tsx";
import {
  emptyProfileValues,
  hasApiCallSettings,
  type ProfileFormValues,
  type StoredProfile,
  toProfileInput,
  valuesFromProfile,
} from "./profile-form-values.ts";
import { ProviderMetadataFields } from "./provider-metadata-fields.tsx";
import { ScopePairsField } from "./scope-pairs-field.tsx";
import { SecretExpiryField } from "./secret-expiry-field.tsx";
import { StaleEditAlert } from "./stale-edit-alert.tsx";
import { TextField } from "./text-field.tsx";
import { useProfileForm } from "./use-profile-form.ts";

type Props = {
  teamId: string;
  appId: string;
  /** The profile being edited; null for a new one. */
  stored: StoredProfile | null;
  /** `test`: Save & Test was pressed, and the profile can be tested without asking for a tenant. */
  onSaved: (saved: { id: string }, then: "close" | "test") => void;
  onReload: () => void;
  /** The field to open at (a test's verdict points there); otherwise the first one. */
  focusField?: FixField | null | undefined;
  /** Told whether anything differs from what the form opened with, so closing can ask first. */
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
};

// What takes typing first: the Authorization Type select has one choice and a "Saved" secret is
// read-only, so neither is where a person starts.
const FIRST_CONTROL =
  'input:not([readonly]):not([disabled]):not([type="radio"]), textarea:not([readonly]), button:not([disabled])';

/** `{name}`s in `url` that no Path Param fills yet ({tenant} is tenancy's). */
function missingPathParams(values: ProfileFormValues, url: string): string[] {
  const keys = new Set(values.fields.filter((f) => f.type === "path").map((f) => f.key));
  const named = placeholdersIn(url).filter((name) => name && name !== "tenant" && !keys.has(name));
  return [...new Set(named)];
}

// Input validation answers with paths under `profile.`; the domain's own errors without.
const withoutPrefix = (errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors).map(([path, m]) => [path.replace(/^profile\./, ""), m]),
  );

export function ProfileForm({
  teamId,
  appId,
  stored,
  onSaved,
  onReload,
  focusField,
  onDirtyChange,
}: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [initial] = useState(() => (stored ? valuesFromProfile(stored) : emptyProfileValues()));
  const form = useProfileForm(initial);
  const [version, setVersion] = useState(stored?.version ?? 0);
  const [stale, setStale] = useState<string | null>(null);
  const [advanced, setAdvanced] = useState(
    Boolean(initial.refreshTokenUrl || initial.description || initial.fields.length > 0),
  );
  const [apiCalls, setApiCalls] = useState(() => hasApiCallSettings(initial));
  const [pathParamRequest, setPathParamRequest] = useState<PathParamRequest>(null);
  const [autoRefresh, setAutoRefresh] = useState(true);
  // After a Client Secret Key is replaced, the tokens obtained with the old one stay valid at
  // the provider until they expire, unless revoked: offered where the provider can revoke.
  const [revokeOld, setRevokeOld] = useState(false);
  const offerRevoke = Boolean(
    stored?.revocationEndpoint && stored.hasClientSecret && !form.values.keepSecret,
  );
  const revokeAll = useMutation(trpc.token.revokeAll.mutationOptions());
  const formRef = useRef<HTMLFormElement>(null);
  const thenTest = useRef(false);
  const dirty = JSON.stringify(form.values) !== JSON.stringify(initial);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  // The dialog gives the focus to its first control when it opens, before this form has
  // loaded: once here (and only then), the focus moves to the field to fill in. Not when it is
  // in the form already: a frame late on a busy machine, it took the focus from the field
  // being typed in, and the rest of the typing landed in Name.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (formRef.current?.contains(document.activeElement)) return;
      const scope = focusField
        ? formRef.current?.querySelector(`[data-field="${focusField}"]`)
        : formRef.current;
      const target = scope?.querySelector<HTMLElement>(FIRST_CONTROL);
      target?.focus();
      if (focusField) target?.scrollIntoView({ block: "center" });
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  const settled = async (saved: { id: string }, name: string, verb: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.profile.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.app.get.queryKey({ teamId, appId }) });
    toast.success(`Profile "${name}" ${verb}`);
    onSaved(saved, thenTest.current && !form.values.tenancyEnabled ? "test" : "close");
  };
  const onError = (error: Parameters<typeof fieldErrorsOf>[0] & { message: string }) => {
    const fieldErrors = withoutPrefix(fieldErrorsOf(error));
    if (Object.keys(fieldErrors).length > 0) {
      form.setServerErrors(fieldErrors);
      unfoldAt(Object.keys(fieldErrors));
      focusFirstProblem();
    } else if (errorCodeOf(error) === "CONFLICT") {
      setStale(error.message);
    } else {
      toast.error(messageOf(error));
    }
  };
  const create = useMutation(
    trpc.profile.create.mutationOptions({
      onSuccess: (saved) => settled(saved, form.values.name.trim(), "created"),
      onError,
    }),
  );
  const revokeOldTokens = async (profileId: string) => {
    try {
      const summary = revokedSummary(await revokeAll.mutateAsync({ teamId, appId, profileId }));
      if (summary.ok) toast.success(summary.text);
      else toast.error(summary.text);
    } catch (error) {
      toast.error((error as Error).message);
    }
  };
  const update = useMutation(
    trpc.profile.update.mutationOptions({
      onSuccess: async (saved) => {
        // The secret is saved first: the revocation authenticates with the new one.
        if (offerRevoke && revokeOld && !KEY_METHODS.has(form.values.clientAuthMethod))
          await revokeOldTokens(saved.id);
        await settled(saved, form.values.name.trim(), "saved");
      },
      onError,
    }),
  );
  const pending = create.isPending || update.isPending || revokeAll.isPending;

  /** Unfolds the optional parts that hold a problem, so it can be seen and fixed. */
  function unfoldAt(paths: string[]) {
    if (paths.some((path) => ADVANCED_PATH.test(path))) setAdvanced(true);
    if (paths.some((path) => API_CALLS_PATH.test(path))) setApiCalls(true);
  }

  /** "Add Path Param x" for each `{x}` of `url` that no Path Param fills. */
  const pathParamOffers = (url: string) =>
    missingPathParams(form.values, url).map((key) => (
      <button
        key={key}
        type="button"
        className="font-medium underline underline-offset-2"
        onClick={() => {
          setAdvanced(true);
          setPathParamRequest({ key, nonce: Date.now() });
        }}
      >
        Add Path Param <code>{key}</code>
      </button>
    ));

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
    if (!form.isValid) {
      unfoldAt(form.invalidPaths);
      return focusFirstProblem();
    }
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
        <div data-field="clientId" className="grid">
          <TextField
            form={form}
            path="clientId"
            label="Client ID"
            hint="The identifier the provider issued to your client, e.g. 0oa4x7kq2. Up to 255 characters."
          />
        </div>
        {/* private_key_jwt and the certificate methods prove the client with a key: no secret. */}
        {!KEY_METHODS.has(form.values.clientAuthMethod) && (
          <div data-field="clientSecret" className="grid">
            <ClientSecretField form={form} hasSaved={Boolean(stored?.hasClientSecret)} />
            {offerRevoke && (
              <div className="mt-2">
                <RevokeTokensChoice
                  id="profile-revoke-old-tokens"
                  label="Revoke tokens obtained with the old secret"
                  hint="After saving, Authdeck asks the provider to revoke them; services get new ones."
                  checked={revokeOld}
                  onChange={setRevokeOld}
                />
              </div>
            )}
          </div>
        )}
      </div>
      {SECRET_METHODS.has(form.values.clientAuthMethod) && (
        <div data-field="clientSecretExpiresOn" className="grid">
          <SecretExpiryField form={form} />
        </div>
      )}
      <ClientAuthField form={form} />
      <DpopField form={form} />
      {ASSERTION_METHODS.has(form.values.clientAuthMethod) && (
        <AssertionFields form={form} stored={stored} />
      )}
      <ProviderMetadataFields teamId={teamId} appId={appId} form={form} />
      {CERTIFICATE_METHODS.has(form.values.clientAuthMethod) && (
        <CertificateFields teamId={teamId} appId={appId} form={form} stored={stored} />
      )}
      <div data-field="tokenRequestUrl" className="grid">
        <TextField
          errorAction={pathParamOffers(form.values.tokenRequestUrl)}
          form={form}
          path="tokenRequestUrl"
          label="Token Request URL"
          placeholder="https://auth.example.com/oauth2/token"
          hint="Where the token request is sent; http:// or https://. Write {key} where a Path Param goes and {tenant} for tenancy, in the path or query. Required."
        />
      </div>
      <TenancyField form={form} />
      <div data-field="scopes" className="grid">
        <ScopePairsField form={form} />
      </div>
      <AdvancedFields
        teamId={teamId}
        appId={appId}
        form={form}
        open={advanced}
        onOpenChange={setAdvanced}
        addPathParam={pathParamRequest}
      />
      <ApiCallsSection
        form={form}
        open={apiCalls}
        onOpenChange={setApiCalls}
        apiBaseUrlAction={pathParamOffers(form.values.apiBaseUrl)}
      />
      {!stored && <AutoRefreshField checked={autoRefresh} onChange={setAutoRefresh} />}
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
      <ProfileFormFooter
        pending={pending}
        canTest={!form.values.tenancyEnabled}
        onSaveAndTest={() => {
          thenTest.current = true;
          formRef.current?.requestSubmit();
        }}
        onSave={() => {
          thenTest.current = false;
        }}
      />
    </form>
  );
}
