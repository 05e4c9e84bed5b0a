"use client";
import { FIELD_TYPE_LABELS, FIELD_TYPES } from "@authdeck/core/client";
import { type KeyboardEvent, useState } from "react";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Select } from "../ui/input.tsx";
import {
  type AuthFieldDraft,
  type FieldErrors,
  type FieldType,
  validateAuthField,
} from "./profile-form-values.ts";

const KEY_HINTS: Record<FieldType, string> = {
  header: "The HTTP header name, e.g. X-Api-Version.",
  payload: "The parameter name in the form-encoded request body, e.g. audience.",
  query: "The parameter name added to the Token Request URL's query string, e.g. api-version.",
  path: "The placeholder name: write it as {key} in the Token Request URL.",
};

type Props = {
  /** The field being edited, or null for a new one. */
  original: AuthFieldDraft | null;
  draft: AuthFieldDraft;
  /** Focus the value first, for Replace on a saved secret. */
  focusValue: boolean;
  onDone: (field: AuthFieldDraft) => void;
  onCancel: () => void;
};

/**
 * The small form behind "+ Add Authorization Field" and Edit. Not a <form>: it sits inside the
 * profile's form, and forms do not nest.
 */
export function AuthorizationFieldForm({
  original,
  draft: start,
  focusValue,
  onDone,
  onCancel,
}: Props) {
  const [draft, setDraft] = useState(start);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<AuthFieldDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors({});
  };
  const keepsSaved = Boolean(original?.savedSecret) && draft.secret;

  function done() {
    const found = validateAuthField(draft, original);
    if (Object.keys(found).length > 0) return setErrors(found);
    onDone({ ...draft, savedSecret: keepsSaved && draft.value === "" });
  }

  // Enter in a field would submit the whole profile; here it means Done.
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      done();
    }
  }

  const valueHint = keepsSaved
    ? "A value is saved. Leave this empty to keep it, or type a new one to replace it."
    : draft.secret
      ? "Sealed when saved, masked in previews and test results, never shown again."
      : "Sent exactly as typed.";
  return (
    <fieldset
      onKeyDown={onKeyDown}
      className="grid gap-3 rounded-md border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950"
    >
      <legend className="sr-only">
        {original ? "Edit Authorization Field" : "New Authorization Field"}
      </legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id="auth-field-type"
          label="Field Type"
          hint="Where the value goes in the token request."
          error={errors.type}
        >
          <Select
            {...controlProps("auth-field-type", errors.type, true)}
            value={draft.type}
            onChange={(event) => set({ type: event.target.value as FieldType })}
          >
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type}>
                {FIELD_TYPE_LABELS[type]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="auth-field-key"
          label="Field Key"
          hint={KEY_HINTS[draft.type]}
          error={errors.key}
        >
          <Input
            {...controlProps("auth-field-key", errors.key, true)}
            value={draft.key}
            autoFocus={!focusValue}
            onChange={(event) => set({ key: event.target.value })}
          />
        </Field>
      </div>
      <Field id="auth-field-value" label="Field Value" hint={valueHint} error={errors.value}>
        <Input
          {...controlProps("auth-field-value", errors.value, true)}
          type={draft.secret ? "password" : "text"}
          autoComplete="off"
          placeholder={keepsSaved ? "saved" : undefined}
          value={draft.value}
          autoFocus={focusValue}
          onChange={(event) => set({ value: event.target.value })}
        />
      </Field>
      <div className="flex items-start gap-2">
        <input
          id="auth-field-secret"
          type="checkbox"
          className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
          checked={draft.secret}
          aria-describedby="auth-field-secret-hint"
          onChange={(event) => set({ secret: event.target.checked })}
        />
        <div className="grid gap-0.5">
          <label htmlFor="auth-field-secret" className="text-sm font-medium">
            Secret
          </label>
          <p id="auth-field-secret-hint" className="text-sm text-muted">
            For keys and passwords: stored sealed and shown only as "secret". Services with an API
            key for this app still receive it with the token, since their calls need it.
          </p>
        </div>
      </div>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" onClick={done}>
          Done
        </Button>
      </div>
    </fieldset>
  );
}
