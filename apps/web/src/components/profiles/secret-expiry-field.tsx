"use client";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import type { ProfileForm } from "./use-profile-form.ts";

const ID = "profile-clientSecretExpiresOn";
const HINT =
  "Optional. The day the provider says this secret stops working (Entra, Okta and Azure secrets expire); the Credentials page warns 30, 7 and 1 days before.";

/** "Client secret expires on": a date, for the methods that send a secret. */
export function SecretExpiryField({ form }: { form: ProfileForm }) {
  const error = form.errorAt("clientSecretExpiresOn");
  return (
    <Field id={ID} label="Client secret expires on" hint={HINT} error={error}>
      <Input
        {...controlProps(ID, error, HINT)}
        type="date"
        value={form.values.clientSecretExpiresOn}
        onChange={(event) =>
          form.change({ clientSecretExpiresOn: event.target.value }, "clientSecretExpiresOn")
        }
        onBlur={() => form.touch("clientSecretExpiresOn")}
        className="sm:max-w-56"
      />
    </Field>
  );
}
