"use client";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import type { ProfileForm } from "./use-profile-form.ts";

const ID = "profile-client-secret";

/** Write-only: a stored secret shows as "Saved" with Replace, never as a value. */
export function ClientSecretField({ form, hasSaved }: { form: ProfileForm; hasSaved: boolean }) {
  const { values, change, touch } = form;
  const error = form.errorAt("clientSecret");
  const hint = values.keepSecret
    ? "Stored sealed; it is never shown again. Replace it to send a new one."
    : "The secret issued with the Client ID; sealed when saved, never shown again. Up to 255 characters.";
  return (
    <Field id={ID} label="Client Secret Key" hint={hint} error={error}>
      {values.keepSecret ? (
        <div className="flex gap-2">
          <Input {...controlProps(ID, error, hint)} value="Saved" readOnly className="flex-1" />
          <Button
            variant="secondary"
            aria-label="Replace Client Secret Key"
            onClick={() => change({ keepSecret: false, clientSecret: "" }, "clientSecret")}
          >
            Replace
          </Button>
        </div>
      ) : (
        <div className="flex gap-2">
          <Input
            {...controlProps(ID, error, hint)}
            type="password"
            autoComplete="new-password"
            value={values.clientSecret}
            autoFocus={hasSaved}
            onChange={(event) => change({ clientSecret: event.target.value }, "clientSecret")}
            onBlur={() => touch("clientSecret")}
            className="flex-1"
          />
          {hasSaved && (
            <Button
              variant="ghost"
              onClick={() => change({ keepSecret: true, clientSecret: "" }, "clientSecret")}
            >
              Keep saved
            </Button>
          )}
        </div>
      )}
    </Field>
  );
}
