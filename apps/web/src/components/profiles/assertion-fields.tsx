"use client";
import { SIGNING_ALGORITHMS } from "@authdeck/core/client";
import { useEffect, useId, useState } from "react";
import { CopyButton } from "../ui/copy-button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Select, Textarea } from "../ui/input.tsx";
import { ASSERTION_AUDIENCE_LABELS, jwksUrlOf } from "./labels.ts";
import {
  type AssertionAudience,
  movesSigningKey,
  type SigningAlgorithm,
  type StoredProfile,
} from "./profile-form-values.ts";
import type { ProfileForm } from "./use-profile-form.ts";

const AUDIENCE_HINT =
  "What the assertion's aud names: the Token Request URL, or the provider's Issuer.";
const ALGORITHM_HINT =
  "ES256 unless your provider asks for RS256 or PS256. Another algorithm means a new key.";
const JWKS_HINT =
  "Register this as the client's JWKS URL (jwks_uri) at the provider: it serves the public key only.";

/**
 * The settings of an RFC 7523 assertion (client_secret_jwt, private_key_jwt), shown only for
 * those methods; for private_key_jwt also the key and, once saved, the JWKS URL to register.
 */
export function AssertionFields({
  form,
  stored,
}: {
  form: ProfileForm;
  stored: StoredProfile | null;
}) {
  const { values, change } = form;
  const audienceId = "profile-assertionAudience";
  const lifetimeId = "profile-assertionLifetimeSeconds";
  const lifetimeError = form.errorAt("assertionLifetimeSeconds");
  const lifetimeHint = "How long each assertion is valid, 1 to 300 seconds (providers cap it).";
  return (
    <fieldset className="grid gap-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
      <legend className="px-1 text-sm font-medium">JWT assertion</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={audienceId} label="Assertion audience" hint={AUDIENCE_HINT}>
          <Select
            {...controlProps(audienceId, undefined, AUDIENCE_HINT)}
            value={values.assertionAudience}
            onChange={(event) =>
              change(
                { assertionAudience: event.target.value as AssertionAudience },
                "assertionAudience",
                "issuer",
              )
            }
          >
            {Object.entries(ASSERTION_AUDIENCE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id={lifetimeId}
          label="Assertion lifetime (seconds)"
          hint={lifetimeHint}
          error={lifetimeError}
        >
          <Input
            {...controlProps(lifetimeId, lifetimeError, lifetimeHint)}
            inputMode="numeric"
            value={values.assertionLifetimeSeconds}
            onChange={(event) =>
              change({ assertionLifetimeSeconds: event.target.value }, "assertionLifetimeSeconds")
            }
            onBlur={() => form.touch("assertionLifetimeSeconds")}
          />
        </Field>
      </div>
      {values.clientAuthMethod === "private_key_jwt" && <KeyFields form={form} stored={stored} />}
    </fieldset>
  );
}

function KeyFields({ form, stored }: { form: ProfileForm; stored: StoredProfile | null }) {
  const { values, change } = form;
  const algId = "profile-signingAlgorithm";
  const keyId = "profile-privateKey";
  const keyError = form.errorAt("privateKey");
  const savedKey = stored?.hasPrivateKey && stored.signingAlgorithm === values.signingAlgorithm;
  const keyHint = savedKey
    ? `A key is saved (kid ${stored?.keyId}); it is never shown. Paste another to replace it.`
    : "Leave empty and Authdeck generates a key pair when you save; or paste a PEM or JWK private key. Sealed, never shown again.";
  return (
    <>
      <Field id={algId} label="Signing algorithm" hint={ALGORITHM_HINT}>
        <Select
          {...controlProps(algId, undefined, ALGORITHM_HINT)}
          value={values.signingAlgorithm}
          onChange={(event) =>
            change({ signingAlgorithm: event.target.value as SigningAlgorithm }, "signingAlgorithm")
          }
        >
          {SIGNING_ALGORITHMS.map((alg) => (
            <option key={alg} value={alg}>
              {alg}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={keyId} label="Private key" hint={keyHint} error={keyError}>
        <Textarea
          {...controlProps(keyId, keyError, keyHint)}
          rows={3}
          spellCheck={false}
          autoComplete="off"
          className="font-mono text-xs"
          placeholder={savedKey ? "Saved" : "-----BEGIN PRIVATE KEY-----"}
          value={values.privateKey}
          onChange={(event) => change({ privateKey: event.target.value }, "privateKey")}
        />
      </Field>
      {stored?.jwksId && <JwksUrl jwksId={stored.jwksId} />}
      {movesSigningKey(stored, values) && (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          A URL that receives the assertions now points to another host: saving generates a new key
          and a new JWKS URL (any next or previous key is dropped), and the one above stops
          answering. Register the new JWKS URL with the provider after saving.
        </p>
      )}
    </>
  );
}

/** The URL to register as the client's jwks_uri, and the JWKS itself, each with a copy button. */
export function JwksUrl({ jwksId }: { jwksId: string }) {
  const [origin, setOrigin] = useState("");
  const [jwks, setJwks] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const url = origin ? jwksUrlOf(origin, jwksId) : "";
  useEffect(() => {
    if (!url) return;
    fetch(url)
      .then((response) => (response.ok ? response.text() : ""))
      .then(setJwks, () => setJwks(""));
  }, [url]);
  // Shown on the profile page and in its edit dialog at once: each needs its own id.
  const id = `jwks-url-${useId()}`;
  return (
    <Field id={id} label="JWKS URL" hint={JWKS_HINT}>
      <div className="flex flex-wrap gap-2">
        <Input
          {...controlProps(id, undefined, JWKS_HINT)}
          readOnly
          value={url}
          className="min-w-0 flex-1 font-mono text-xs"
        />
        <CopyButton text={url} label="Copy JWKS URL" />
        {jwks && <CopyButton text={jwks} label="Copy JWKS" shown="Copy JWKS" />}
      </div>
    </Field>
  );
}
