"use client";
import { type FormEvent, useState } from "react";
import { Button } from "./button.tsx";
import { controlProps, Field } from "./field.tsx";
import { Input } from "./input.tsx";

type Props = {
  /** The input's id; it also names the field's error. */
  id: string;
  label: string;
  current: string;
  submitLabel: string;
  /** The caller's mutation: each thing renamed has its own procedure and caches to refresh. */
  rename: { save: (name: string) => void; pending: boolean; error: string | undefined };
};

/** One name field and its button, disabled while the name is unchanged. */
export function RenameForm({ id, label, current, submitLabel, rename }: Props) {
  const [name, setName] = useState(current);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    rename.save(name);
  }

  return (
    <form onSubmit={onSubmit} className="grid max-w-md gap-4">
      <Field id={id} label={label} error={rename.error}>
        <Input
          {...controlProps(id, rename.error)}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={80}
          required
        />
      </Field>
      <div>
        <Button type="submit" pending={rename.pending} disabled={name.trim() === current}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
