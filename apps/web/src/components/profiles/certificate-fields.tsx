"use client";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Textarea } from "../ui/input.tsx";
import type { StoredProfile } from "./profile-form-values.ts";
import { TextField } from "./text-field.tsx";
import type { ProfileForm } from "./use-profile-form.ts";

const CERTIFICATE_HINT =
  "The client certificate, PEM (-----BEGIN CERTIFICATE-----), followed by its intermediate CAs if the provider needs them.";

/**
 * The client certificate of the RFC 8705 methods and its private key: the certificate is public
 * and shown; the key is write-only, "Stored" once saved, and can only be replaced.
 */
export function CertificateFields({
  teamId,
  appId,
  form,
  stored,
}: {
  teamId: string;
  appId: string;
  form: ProfileForm;
  stored: StoredProfile | null;
}) {
  const trpc = useTRPC();
  const pasted = form.values.clientCertificate.trim();
  const isStored = Boolean(stored?.certificate) && pasted === stored?.clientCertificate.trim();
  // A certificate pasted whole (up to its END line) is described by the server, which parses
  // it with node:crypto as the save will; nothing is stored until then.
  const described = useQuery(
    trpc.profile.describeCertificate.queryOptions(
      !isStored && pasted.includes("-----END CERTIFICATE-----")
        ? { teamId, appId, certificate: pasted }
        : skipToken,
      { retry: false, staleTime: Number.POSITIVE_INFINITY },
    ),
  );
  const shown = isStored ? (stored?.certificate ?? null) : (described.data ?? null);
  return (
    <fieldset
      data-field="clientCertificate"
      className="grid gap-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <legend className="px-1 text-sm font-medium">Client certificate</legend>
      <TextField
        form={form}
        path="clientCertificate"
        label="Certificate"
        multiline
        placeholder="-----BEGIN CERTIFICATE-----"
        hint={CERTIFICATE_HINT}
      />
      {shown && (
        <dl
          aria-label={isStored ? "Saved certificate" : "Pasted certificate"}
          className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm"
        >
          <dt className="text-muted">Subject</dt>
          <dd className="break-all">{shown.subject}</dd>
          <dt className="text-muted">Issuer</dt>
          <dd className="break-all">{shown.issuer}</dd>
          <dt className="text-muted">Expires</dt>
          <dd>
            <time dateTime={shown.validTo.toISOString()}>{shown.validTo.toUTCString()}</time>
          </dd>
        </dl>
      )}
      <CertificateKeyField form={form} hasStored={Boolean(stored?.hasCertificateKey)} />
    </fieldset>
  );
}

const KEY_ID = "profile-clientCertificateKey";

function CertificateKeyField({ form, hasStored }: { form: ProfileForm; hasStored: boolean }) {
  const { values, change } = form;
  const error = form.errorAt("clientCertificateKey");
  const hint = values.keepCertificateKey
    ? "Stored sealed; it is never shown again. Replace it to use another key."
    : "The certificate's private key, PEM (unencrypted). Sealed when saved, never shown again.";
  return (
    <Field id={KEY_ID} label="Certificate private key" hint={hint} error={error}>
      {values.keepCertificateKey ? (
        <div className="flex gap-2">
          <Input
            {...controlProps(KEY_ID, error, hint)}
            value="Stored"
            readOnly
            className="flex-1"
          />
          <Button
            variant="secondary"
            aria-label="Replace certificate private key"
            onClick={() =>
              change(
                { keepCertificateKey: false, clientCertificateKey: "" },
                "clientCertificateKey",
              )
            }
          >
            Replace
          </Button>
        </div>
      ) : (
        <div className="grid gap-2">
          <Textarea
            {...controlProps(KEY_ID, error, hint)}
            rows={3}
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs"
            placeholder="-----BEGIN PRIVATE KEY-----"
            value={values.clientCertificateKey}
            onChange={(event) =>
              change({ clientCertificateKey: event.target.value }, "clientCertificateKey")
            }
            onBlur={() => form.touch("clientCertificateKey")}
          />
          {hasStored && (
            <Button
              variant="ghost"
              className="justify-self-start"
              onClick={() =>
                change(
                  { keepCertificateKey: true, clientCertificateKey: "" },
                  "clientCertificateKey",
                )
              }
            >
              Keep stored
            </Button>
          )}
        </div>
      )}
    </Field>
  );
}
