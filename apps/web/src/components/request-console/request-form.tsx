"use client";
import {
  API_CALL_BODY_TYPES,
  API_CALL_LIMITS,
  API_CALL_METHODS,
  type ApiCallBodyType,
  apiCallRequestSchema,
} from "@authdeck/core/client";
import { useMutation } from "@tanstack/react-query";
import { Plus, Send, Trash2 } from "lucide-react";
import { useState } from "react";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { issuesByPath } from "../profiles/profile-form-values.ts";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Select, Textarea } from "../ui/input.tsx";

type Draft = {
  method: (typeof API_CALL_METHODS)[number];
  path: string;
  query: string;
  headers: Array<{ name: string; value: string }>;
  bodyType: ApiCallBodyType;
  body: string;
  tenant: string;
};

const EMPTY: Draft = {
  method: "GET",
  path: "/",
  query: "",
  headers: [],
  bodyType: "none",
  body: "",
  tenant: "",
};

const BODY_LABELS: Record<ApiCallBodyType, string> = {
  none: "None",
  json: "JSON",
  form: "Form (x-www-form-urlencoded)",
};

// The server names fields under "request."; the form by their own names.
const ownErrors = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^request\./, ""), v]));

type Props = {
  teamId: string;
  appId: string;
  profileId: string;
  tenancyEnabled: boolean;
  onSent: (callId: string) => void;
};

/**
 * The console's request: method, path after the API Base URL, query, headers, body and tenant.
 * The token and the authorization fields are added by Authdeck when the worker sends it.
 */
export function RequestForm({ teamId, appId, profileId, tenancyEnabled, onSent }: Props) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const send = useMutation(
    trpc.apiCall.send.mutationOptions({
      onSuccess: ({ callId }) => onSent(callId),
      onError: (error) => {
        const shown = ownErrors(error.data?.fieldErrors ?? {});
        setErrors(shown);
        const known = Object.keys(shown).filter((k) => FIELDS.includes(fieldOf(k)));
        toastUnlessShown({ data: { fieldErrors: shown }, message: error.message }, known);
      },
    }),
  );
  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(fieldOf(k) in patch))));
  };
  const setHeader = (index: number, patch: Partial<Draft["headers"][number]>) =>
    change({ headers: draft.headers.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = apiCallRequestSchema.safeParse(draft);
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues));
    setErrors({});
    send.mutate({ teamId, appId, profileId, request: parsed.data });
  };
  const id = (name: string) => `console-${name}`;
  const withBody = draft.method !== "GET" && draft.method !== "HEAD";
  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label="Try a request">
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <Field id={id("method")} label="Method" error={errors.method}>
          <Select
            {...controlProps(id("method"), errors.method)}
            value={draft.method}
            onChange={(e) => {
              const method = e.target.value as Draft["method"];
              const bodyless = method === "GET" || method === "HEAD";
              change({ method, ...(bodyless ? { bodyType: "none" as const } : {}) });
            }}
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
          hint="After the API Base URL, e.g. /v1/orders. {key} placeholders take the Path Params."
          error={errors.path}
        >
          <Input
            {...controlProps(id("path"), errors.path, "hint")}
            value={draft.path}
            maxLength={API_CALL_LIMITS.path}
            onChange={(e) => change({ path: e.target.value })}
          />
        </Field>
      </div>
      <Field
        id={id("query")}
        label="Query"
        hint="Without the ?, e.g. limit=10&status=open. Query String fields are added to it."
        error={errors.query}
      >
        <Input
          {...controlProps(id("query"), errors.query, "hint")}
          value={draft.query}
          maxLength={API_CALL_LIMITS.query}
          onChange={(e) => change({ query: e.target.value })}
        />
      </Field>
      <fieldset className="grid gap-2">
        <legend className="text-sm font-medium">Headers</legend>
        <p className="text-sm text-muted">
          The token and the Header fields are added by Authdeck; a header you add under the same
          name is replaced.
        </p>
        {draft.headers.map((header, index) => (
          // Rows are only added at the end and removed by index: the index is their identity.
          <div key={index} className="grid items-start gap-2 sm:grid-cols-[1fr_2fr_auto]">
            <Field
              id={id(`header-${index}-name`)}
              label={`Header ${index + 1} name`}
              error={errors[`headers.${index}.name`]}
            >
              <Input
                {...controlProps(id(`header-${index}-name`), errors[`headers.${index}.name`])}
                value={header.name}
                onChange={(e) => setHeader(index, { name: e.target.value })}
              />
            </Field>
            <Field
              id={id(`header-${index}-value`)}
              label={`Header ${index + 1} value`}
              error={errors[`headers.${index}.value`]}
            >
              <Input
                {...controlProps(id(`header-${index}-value`), errors[`headers.${index}.value`])}
                value={header.value}
                onChange={(e) => setHeader(index, { value: e.target.value })}
              />
            </Field>
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="sm:mt-7"
              aria-label={`Remove header ${index + 1}`}
              onClick={() => change({ headers: draft.headers.filter((_, i) => i !== index) })}
            >
              <Trash2 aria-hidden />
            </Button>
          </div>
        ))}
        {errors.headers && (
          <p className="text-sm text-red-600 dark:text-red-400">{errors.headers}</p>
        )}
        <div>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={draft.headers.length >= API_CALL_LIMITS.headers}
            onClick={() => change({ headers: [...draft.headers, { name: "", value: "" }] })}
          >
            <Plus aria-hidden />
            Add header
          </Button>
        </div>
      </fieldset>
      {withBody && (
        <div className="grid gap-4">
          <Field
            id={id("body-type")}
            label="Body"
            hint="Payload fields are added to a JSON object or a form."
            error={errors.bodyType}
          >
            <Select
              {...controlProps(id("body-type"), errors.bodyType, "hint")}
              value={draft.bodyType}
              onChange={(e) => change({ bodyType: e.target.value as ApiCallBodyType })}
            >
              {API_CALL_BODY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {BODY_LABELS[t]}
                </option>
              ))}
            </Select>
          </Field>
          {draft.bodyType !== "none" && (
            <Field
              id={id("body")}
              label={draft.bodyType === "json" ? "JSON body" : "Form body"}
              hint={draft.bodyType === "json" ? '{"name": "value"}' : "name=value&other=value"}
              error={errors.body}
            >
              <Textarea
                {...controlProps(id("body"), errors.body, "hint")}
                className="font-mono text-xs"
                rows={6}
                value={draft.body}
                onChange={(e) => change({ body: e.target.value })}
              />
            </Field>
          )}
        </div>
      )}
      {tenancyEnabled && (
        <Field
          id={id("tenant")}
          label="Tenant"
          hint="The tenant whose token the request uses."
          error={errors.tenant}
        >
          <Input
            {...controlProps(id("tenant"), errors.tenant, "hint")}
            value={draft.tenant}
            onChange={(e) => change({ tenant: e.target.value })}
          />
        </Field>
      )}
      <div>
        <Button type="submit" disabled={send.isPending}>
          <Send aria-hidden />
          {send.isPending ? "Sending…" : "Send request"}
        </Button>
      </div>
    </form>
  );
}

const FIELDS = ["method", "path", "query", "headers", "bodyType", "body", "tenant"];
// "headers.2.name" belongs to the headers.
const fieldOf = (key: string) => key.split(".")[0] ?? key;
