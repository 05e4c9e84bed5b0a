"use client";
import { controlProps, Field } from "../ui/field.tsx";
import { Select } from "../ui/input.tsx";
import { Switch } from "../ui/switch.tsx";
import { AUTH_METHOD_LABELS, TYPE_LABELS } from "./labels.ts";
import type { ClientAuthMethod } from "./profile-form-values.ts";
import type { ProfileForm } from "./use-profile-form.ts";

const AUTH_METHODS: Array<{ value: ClientAuthMethod; label: string; hint: string }> = [
  {
    value: "client_secret_basic",
    label: AUTH_METHOD_LABELS.client_secret_basic,
    hint: "Client ID and Client Secret Key in an Authorization: Basic header (what most providers expect).",
  },
  {
    value: "client_secret_post",
    label: AUTH_METHOD_LABELS.client_secret_post,
    hint: "client_id and client_secret as form parameters of the request body.",
  },
  {
    value: "client_secret_jwt",
    label: AUTH_METHOD_LABELS.client_secret_jwt,
    hint: "An HS256 JWT assertion signed with the Client Secret Key; the secret itself is not sent (RFC 7523).",
  },
  {
    value: "private_key_jwt",
    label: AUTH_METHOD_LABELS.private_key_jwt,
    hint: "A JWT assertion signed with a key pair Authdeck keeps; the provider checks it against the JWKS URL (RFC 7523). No client secret.",
  },
  {
    value: "tls_client_auth",
    label: AUTH_METHOD_LABELS.tls_client_auth,
    hint: "Mutual TLS: the connection presents a certificate a CA issued, which the provider checks by its subject (RFC 8705). No client secret.",
  },
  {
    value: "self_signed_tls_client_auth",
    label: AUTH_METHOD_LABELS.self_signed_tls_client_auth,
    hint: "Mutual TLS with a self-signed certificate the provider has registered for the client (RFC 8705). No client secret.",
  },
];

export function AuthorizationTypeField() {
  const id = "profile-type";
  const hint = "The grant this profile uses to obtain tokens.";
  return (
    <Field id={id} label="Authorization Type" hint={hint}>
      <Select
        {...controlProps(id, undefined, hint)}
        value="oauth2_client_credentials"
        onChange={() => {}}
      >
        <option value="oauth2_client_credentials">{TYPE_LABELS.oauth2_client_credentials}</option>
      </Select>
    </Field>
  );
}

/** How the client authenticates: radios, Basic by default. */
export function ClientAuthField({ form }: { form: ProfileForm }) {
  const error = form.errorAt("clientAuthMethod");
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1.5 text-sm font-medium">Client authentication</legend>
      {AUTH_METHODS.map((method) => {
        const id = `profile-auth-${method.value}`;
        return (
          <div key={method.value} className="flex items-start gap-2">
            <input
              id={id}
              type="radio"
              name="clientAuthMethod"
              value={method.value}
              className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
              checked={form.values.clientAuthMethod === method.value}
              aria-describedby={`${id}-hint`}
              onChange={() => form.change({ clientAuthMethod: method.value }, "clientAuthMethod")}
            />
            <div className="grid gap-0.5">
              <label htmlFor={id} className="text-sm">
                {method.label}
              </label>
              <p id={`${id}-hint`} className="text-xs text-muted">
                {method.hint}
              </p>
            </div>
          </div>
        );
      })}
      {error && <p className="text-sm text-red-600 dark:text-red-400">{error}</p>}
    </fieldset>
  );
}

/** DPoP (RFC 9449): a checkbox beside the client authentication, since it changes every token request. */
export function DpopField({ form }: { form: ProfileForm }) {
  const id = "profile-dpop";
  const error = form.errorAt("dpop");
  return (
    <div data-field="dpop" className="grid gap-0.5">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
          checked={form.values.dpop}
          aria-describedby={`${id}-hint`}
          onChange={(event) => form.change({ dpop: event.target.checked }, "dpop")}
        />
        <div className="grid gap-0.5">
          <label htmlFor={id} className="text-sm">
            DPoP
          </label>
          <p id={`${id}-hint`} className="text-xs text-muted">
            Bind tokens to a key Authdeck holds (RFC 9449)
          </p>
        </div>
      </div>
      {error && <p className="text-sm text-red-600 dark:text-red-400">{error}</p>}
    </div>
  );
}

export function TenancyField({ form }: { form: ProfileForm }) {
  const id = "profile-tenancy";
  const error = form.errorAt("tenancyEnabled");
  const hint =
    "For a provider with one token URL per customer: write {tenant} in a URL's path or query, and each test asks which tenant to use.";
  return (
    <Field id={id} label="Tenancy" hint={hint} error={error}>
      <div className="flex items-center gap-2">
        <Switch
          {...controlProps(id, error, hint)}
          checked={form.values.tenancyEnabled}
          onCheckedChange={(checked) => {
            form.change({ tenancyEnabled: checked }, "tenancyEnabled", "tokenRequestUrl");
            form.touch("tokenRequestUrl");
          }}
        />
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          {form.values.tenancyEnabled ? "On" : "Off"}
        </span>
      </div>
    </Field>
  );
}
