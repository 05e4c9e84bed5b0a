"use client";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { parseStatusCodes } from "./profile-form-values.ts";
import type { ProfileForm } from "./use-profile-form.ts";

const PATH = "authErrorStatusCodes";
const HINT =
  "The statuses of your API that mean the token no longer works, separated by commas, e.g. 401, 403: Authdeck gets a new token and replays the call once.";

/** The list's own path and one per typed code: the schema names a bad code by its index. */
const pathsOf = (text: string) => [PATH, ...parseStatusCodes(text).map((_, i) => `${PATH}.${i}`)];

/** Auth Error Status Code, typed as a comma-separated list. */
export function StatusCodesField({ form }: { form: ProfileForm }) {
  const id = `profile-${PATH}`;
  const text = form.values.authErrorStatusCodes;
  const error = pathsOf(text)
    .map((path) => form.errorAt(path))
    .find(Boolean);
  return (
    <Field id={id} label="Auth Error Status Code" hint={HINT} error={error}>
      <Input
        {...controlProps(id, error, HINT)}
        value={text}
        placeholder="401"
        onBlur={() => form.touch(...pathsOf(text))}
        onChange={(event) => {
          const next = event.target.value;
          form.change({ authErrorStatusCodes: next }, ...pathsOf(text), ...pathsOf(next));
        }}
      />
    </Field>
  );
}
