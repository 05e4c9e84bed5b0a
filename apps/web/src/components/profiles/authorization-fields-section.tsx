"use client";
import { FIELD_TYPE_LABELS, PROFILE_LIMITS } from "@authdeck/core/client";
import { Lock, Pencil, Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "../ui/button.tsx";
import { AuthorizationFieldForm } from "./authorization-field-form.tsx";
import { type AuthFieldDraft, newUid } from "./profile-form-values.ts";
import type { ProfileForm } from "./use-profile-form.ts";

/** `start`: a new field begun elsewhere, e.g. a Path Param the Token Request URL names. */
type Editing = { index: number | null; focusValue: boolean; start?: AuthFieldDraft } | null;

/** A Path Param to begin adding; `nonce` tells two requests for the same key apart. */
export type PathParamRequest = { key: string; nonce: number } | null;

const blankField = (): AuthFieldDraft => ({
  uid: newUid(),
  type: "header",
  key: "",
  value: "",
  secret: false,
  savedSecret: false,
});

/** Extra values for the token request, each placed by its Field Type. */
export function AuthorizationFieldsSection({
  form,
  addPathParam,
}: {
  form: ProfileForm;
  addPathParam?: PathParamRequest;
}) {
  const { values, change, touch } = form;
  const [editing, setEditing] = useState<Editing>(null);

  // The small form opens with the type and key filled in, its Field Value to type next.
  useEffect(() => {
    if (!addPathParam) return;
    const start = { ...blankField(), type: "path" as const, key: addPathParam.key };
    setEditing({ index: null, focusValue: true, start });
  }, [addPathParam]);
  const listError = form.errorAt("fields");
  const paths = (index: number) => ["type", "key", "value"].map((p) => `fields.${index}.${p}`);

  function save(field: AuthFieldDraft) {
    if (!editing) return;
    const index = editing.index ?? values.fields.length;
    const fields =
      editing.index === null
        ? [...values.fields, field]
        : values.fields.map((f, i) => (i === index ? field : f));
    change({ fields }, ...paths(index), "fields");
    touch(...paths(index));
    setEditing(null);
  }

  function remove(index: number) {
    // Messages follow their rows by index: the server's no longer fit once one is gone.
    change(
      { fields: values.fields.filter((_, i) => i !== index) },
      ...values.fields.flatMap((_, i) => paths(i)),
      "fields",
    );
    // An open edit would now point at another row.
    setEditing(null);
  }

  const original = editing?.index != null ? (values.fields[editing.index] ?? null) : null;
  return (
    <section aria-labelledby="auth-fields-heading" className="grid gap-3">
      <div>
        <h3 id="auth-fields-heading" className="text-sm font-medium">
          Authorization Fields
        </h3>
        <p className="text-sm text-muted">
          Extra values the token request needs, in a header, the body, the query string or the URL
          path: e.g. an X-Api-Version header or an audience parameter. API calls carry them too.
        </p>
      </div>
      {values.fields.length > 0 && (
        <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {values.fields.map((field, index) => (
            <FieldRow
              key={field.uid}
              field={field}
              errors={paths(index)
                .map((path) => form.errorAt(path))
                .filter((m): m is string => Boolean(m))}
              onEdit={(focusValue) => setEditing({ index, focusValue })}
              onRemove={() => remove(index)}
            />
          ))}
        </ul>
      )}
      {listError && <p className="text-sm text-red-600 dark:text-red-400">{listError}</p>}
      {editing ? (
        <AuthorizationFieldForm
          key={editing.index ?? editing.start?.uid ?? "new"}
          original={original}
          draft={original ?? editing.start ?? blankField()}
          focusValue={editing.focusValue}
          onDone={save}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div>
          <Button
            variant="secondary"
            size="sm"
            disabled={values.fields.length >= PROFILE_LIMITS.fields}
            onClick={() => setEditing({ index: null, focusValue: false })}
          >
            + Add Authorization Field
          </Button>
        </div>
      )}
    </section>
  );
}

function FieldRow(props: {
  field: AuthFieldDraft;
  errors: string[];
  onEdit: (focusValue: boolean) => void;
  onRemove: () => void;
}) {
  const { field, errors } = props;
  const label = `${FIELD_TYPE_LABELS[field.type]} ${field.key}`;
  const saved = field.secret && field.savedSecret && field.value === "";
  return (
    <li aria-label={label} className="grid gap-1 px-3 py-2">
      <div className="flex items-center gap-3 text-sm">
        <span className="w-24 shrink-0 text-muted">{FIELD_TYPE_LABELS[field.type]}</span>
        <span className="min-w-0 truncate font-mono">{field.key}</span>
        <span className="min-w-0 flex-1 truncate text-zinc-600 dark:text-zinc-400">
          {field.secret ? (
            <span className="inline-flex items-center gap-1">
              <Lock className="size-3.5" aria-hidden />
              {saved ? "saved" : "secret"}
            </span>
          ) : (
            <span className="font-mono">{field.value}</span>
          )}
        </span>
        {saved && (
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Replace ${label} value`}
            onClick={() => props.onEdit(true)}
          >
            Replace
          </Button>
        )}
        <Button
          variant="ghost"
          size="icon"
          aria-label={`Edit ${label}`}
          onClick={() => props.onEdit(false)}
        >
          <Pencil aria-hidden />
        </Button>
        <Button variant="ghost" size="icon" aria-label={`Remove ${label}`} onClick={props.onRemove}>
          <Trash2 aria-hidden />
        </Button>
      </div>
      {errors.map((message) => (
        <p key={message} className="text-sm text-red-600 dark:text-red-400">
          {message}
        </p>
      ))}
    </li>
  );
}
