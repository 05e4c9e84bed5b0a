"use client";
import { PROFILE_LIMITS } from "@authdeck/core/client";
import { Plus, Trash2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { newUid, type ScopeDraft } from "./profile-form-values.ts";
import type { ProfileForm } from "./use-profile-form.ts";

/** Key/Value pairs sent with the token request; pairs keyed "scope" become one scope. */
export function ScopePairsField({ form }: { form: ProfileForm }) {
  const { values, change, touch } = form;
  const listError = form.errorAt("scopes");
  // The pair just added: typing goes into its Key box, not on to the button that added it.
  const added = useRef<string | null>(null);
  useEffect(() => {
    if (!added.current) return;
    document.getElementById(`profile-scope-${added.current}-key`)?.focus();
    added.current = null;
  });
  const set = (scopes: ScopeDraft[], ...paths: string[]) => change({ scopes }, ...paths);
  const edit = (index: number, part: "key" | "value", text: string) =>
    set(
      values.scopes.map((pair, i) => (i === index ? { ...pair, [part]: text } : pair)),
      `scopes.${index}.${part}`,
    );

  return (
    <fieldset className="grid gap-2" aria-describedby="profile-scopes-message">
      <legend className="mb-1.5 text-sm font-medium">Scope</legend>
      {values.scopes.length > 0 && (
        <ul className="grid gap-2">
          {values.scopes.map((pair, index) => {
            const keyId = `profile-scope-${pair.uid}-key`;
            const valueId = `profile-scope-${pair.uid}-value`;
            const keyError = form.errorAt(`scopes.${index}.key`);
            const valueError = form.errorAt(`scopes.${index}.value`);
            return (
              <li key={pair.uid} className="flex items-start gap-2">
                <Field id={keyId} label="Key" error={keyError} className="flex-1">
                  <Input
                    {...controlProps(keyId, keyError)}
                    value={pair.key}
                    placeholder="scope"
                    onChange={(event) => edit(index, "key", event.target.value)}
                    onBlur={() => touch(`scopes.${index}.key`)}
                  />
                </Field>
                <Field id={valueId} label="Value" error={valueError} className="flex-[2]">
                  <Input
                    {...controlProps(valueId, valueError)}
                    value={pair.value}
                    placeholder="read write"
                    onChange={(event) => edit(index, "value", event.target.value)}
                    onBlur={() => touch(`scopes.${index}.value`)}
                  />
                </Field>
                <Button
                  variant="ghost"
                  size="icon"
                  className="mt-7"
                  aria-label={`Remove scope pair ${index + 1}`}
                  onClick={() =>
                    set(
                      values.scopes.filter((_, i) => i !== index),
                      "scopes",
                    )
                  }
                >
                  <Trash2 aria-hidden />
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <Button
          variant="secondary"
          size="sm"
          disabled={values.scopes.length >= PROFILE_LIMITS.scopes}
          onClick={() => {
            const uid = newUid();
            added.current = uid;
            set([...values.scopes, { uid, key: values.scopes.length ? "" : "scope", value: "" }]);
          }}
        >
          <Plus aria-hidden />
          Add Key/Value pair
        </Button>
      </div>
      <p
        id="profile-scopes-message"
        className={listError ? "text-sm text-red-600 dark:text-red-400" : "text-sm text-muted"}
      >
        {listError ??
          "Extra key/value pairs for the token request body. Values of pairs keyed scope are joined into one space-separated scope."}
      </p>
    </fieldset>
  );
}
