"use client";
import { controlProps, Field } from "../ui/field.tsx";
import { Switch } from "../ui/switch.tsx";

type Props = { checked: boolean; onChange: (checked: boolean) => void };

/**
 * Only in the New dialog: a new profile keeps its token fresh unless told otherwise, and says so
 * before it is saved. Afterwards the switch lives on the Tokens page and in a passing test.
 */
export function AutoRefreshField({ checked, onChange }: Props) {
  const id = "profile-auto-refresh";
  const hint =
    "On by default: once a test passes, Authdeck requests a new token before the current one expires, so a fresh one is always ready. You can turn it off here or later on the Tokens page.";
  return (
    <Field id={id} label="Auto-refresh" hint={hint}>
      <div className="flex items-center gap-2">
        <Switch
          {...controlProps(id, undefined, hint)}
          checked={checked}
          onCheckedChange={onChange}
        />
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          {checked ? "Auto-refresh on" : "Auto-refresh off"}
        </span>
      </div>
    </Field>
  );
}
