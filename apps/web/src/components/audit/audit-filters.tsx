"use client";
import { Button } from "../ui/button.tsx";
import { Field } from "../ui/field.tsx";
import { Input, Select } from "../ui/input.tsx";

export type AuditFilterValues = { actorUserId: string; action: string; from: string; to: string };
export const NO_FILTERS: AuditFilterValues = { actorUserId: "", action: "", from: "", to: "" };

type Props = {
  value: AuditFilterValues;
  onChange: (value: AuditFilterValues) => void;
  actors: Array<{ id: string; name: string; email: string }>;
  actions: string[];
};

export function AuditFilters({ value, onChange, actors, actions }: Props) {
  const set = (key: keyof AuditFilterValues) => (next: string) =>
    onChange({ ...value, [key]: next });
  const filtered = Object.values(value).some(Boolean);
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <Field id="audit-actor" label="Actor" className="w-52">
        <Select
          id="audit-actor"
          value={value.actorUserId}
          onChange={(e) => set("actorUserId")(e.target.value)}
        >
          <option value="">Everyone</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name} ({actor.email})
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-action" label="Action" className="w-52">
        <Select
          id="audit-action"
          value={value.action}
          onChange={(e) => set("action")(e.target.value)}
        >
          <option value="">All actions</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-from" label="From" className="w-40">
        <Input
          id="audit-from"
          type="date"
          value={value.from}
          max={value.to || undefined}
          onChange={(e) => set("from")(e.target.value)}
        />
      </Field>
      <Field id="audit-to" label="To" className="w-40">
        <Input
          id="audit-to"
          type="date"
          value={value.to}
          min={value.from || undefined}
          onChange={(e) => set("to")(e.target.value)}
        />
      </Field>
      {filtered && (
        <Button variant="ghost" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
