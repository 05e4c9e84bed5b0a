"use client";
import type { ReactNode } from "react";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Textarea } from "../ui/input.tsx";
import type { ProfileFormValues } from "./profile-form-values.ts";
import type { ProfileForm } from "./use-profile-form.ts";

type TextPath = {
  [K in keyof ProfileFormValues]: ProfileFormValues[K] extends string ? K : never;
}[keyof ProfileFormValues];

type Props = {
  form: ProfileForm;
  path: TextPath;
  label: string;
  hint: string;
  placeholder?: string;
  multiline?: boolean;
  className?: string;
  /** Offered beside this field's error, e.g. a button that fixes it. */
  errorAction?: ReactNode;
};

/** One text value of the profile, with its hint or its message. */
export function TextField(props: Props) {
  const { form, path, label, hint, placeholder, multiline, className, errorAction } = props;
  const id = `profile-${path}`;
  const error = form.errorAt(path);
  const common = {
    ...controlProps(id, error, hint),
    value: form.values[path],
    placeholder,
    onBlur: () => form.touch(path),
  };
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={error}
      errorAction={error && errorAction}
      className={className}
    >
      {multiline ? (
        <Textarea
          {...common}
          rows={3}
          onChange={(event) => form.change({ [path]: event.target.value }, path)}
        />
      ) : (
        <Input
          {...common}
          onChange={(event) => form.change({ [path]: event.target.value }, path)}
        />
      )}
    </Field>
  );
}
