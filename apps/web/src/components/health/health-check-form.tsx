"use client";
import {
  API_CALL_METHODS,
  type HealthCheckSettings,
  healthCheckSettingsSchema,
} from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { issuesByPath } from "../profiles/profile-form-values.ts";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Select } from "../ui/input.tsx";
import { Switch } from "../ui/switch.tsx";

type Draft = {
  enabled: boolean;
  intervalMinutes: string;
  method: (typeof API_CALL_METHODS)[number];
  path: string;
  expectedStatus: string;
  tenant: string;
};

const FIELDS = ["enabled", "intervalMinutes", "method", "path", "expectedStatus", "tenant"];

const draftOf = (check: HealthCheckSettings | null): Draft => ({
  enabled: check?.enabled ?? true,
  intervalMinutes: String(check?.intervalMinutes ?? 5),
  method: check?.method ?? "GET",
  path: check?.path ?? "/",
  expectedStatus: String(check?.expectedStatus ?? 200),
  tenant: check?.tenant ?? "",
});

// An empty box is no number: the schema says so at the field instead of reading it as 0.
const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

type Props = {
  teamId: string;
  appId: string;
  profileId: string;
  tenancyEnabled: boolean;
  check: HealthCheckSettings | null;
};

/** Sets up a profile's health check: the call to make, how often, and the status it expects. */
export function HealthCheckForm({ teamId, appId, profileId, tenancyEnabled, check }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(check));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.healthCheck.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.healthCheck.get.queryKey({ teamId, appId, profileId }),
        });
        toast.success("Health check saved");
      },
      onError: (error) => {
        setErrors(error.data?.fieldErrors ?? {});
        toastUnlessShown(error, FIELDS);
      },
    }),
  );
  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = healthCheckSettingsSchema.safeParse({
      ...draft,
      intervalMinutes: numberOf(draft.intervalMinutes),
      expectedStatus: numberOf(draft.expectedStatus),
    });
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues));
    save.mutate({ teamId, appId, profileId, check: parsed.data });
  };
  const id = (name: string) => `health-${name}`;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      aria-label="Health check settings"
    >
      <div className="flex items-center gap-2 sm:col-span-2">
        <Switch
          id={id("enabled")}
          checked={draft.enabled}
          onCheckedChange={(enabled) => change({ enabled })}
        />
        <label htmlFor={id("enabled")} className="text-sm font-medium">
          Check this profile's API on a schedule
        </label>
      </div>
      <Field
        id={id("interval")}
        label="Every (minutes)"
        hint="From 1 to 60 minutes."
        error={errors.intervalMinutes}
      >
        <Input
          {...controlProps(id("interval"), errors.intervalMinutes, "hint")}
          inputMode="numeric"
          value={draft.intervalMinutes}
          onChange={(e) => change({ intervalMinutes: e.target.value })}
        />
      </Field>
      <Field id={id("method")} label="Method" error={errors.method}>
        <Select
          {...controlProps(id("method"), errors.method)}
          value={draft.method}
          onChange={(e) => change({ method: e.target.value as Draft["method"] })}
        >
          {API_CALL_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id={id("path")}
        label="Path"
        hint="After the API Base URL, e.g. /v1/status. The token and the authorization fields go with it."
        error={errors.path}
      >
        <Input
          {...controlProps(id("path"), errors.path, "hint")}
          value={draft.path}
          onChange={(e) => change({ path: e.target.value })}
        />
      </Field>
      <Field
        id={id("expected")}
        label="Expected status"
        hint="Any other status, or no answer, makes the profile Failing."
        error={errors.expectedStatus}
      >
        <Input
          {...controlProps(id("expected"), errors.expectedStatus, "hint")}
          inputMode="numeric"
          value={draft.expectedStatus}
          onChange={(e) => change({ expectedStatus: e.target.value })}
        />
      </Field>
      {tenancyEnabled && (
        <Field
          id={id("tenant")}
          label="Tenant"
          hint="The tenant whose token the check uses."
          error={errors.tenant}
        >
          <Input
            {...controlProps(id("tenant"), errors.tenant, "hint")}
            value={draft.tenant}
            onChange={(e) => change({ tenant: e.target.value })}
          />
        </Field>
      )}
      <div className="sm:col-span-2">
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save health check"}
        </Button>
      </div>
    </form>
  );
}
