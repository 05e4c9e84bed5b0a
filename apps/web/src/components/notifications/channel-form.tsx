"use client";
import {
  allowedDomainsText,
  CHANNEL_KIND_LABELS,
  CHANNEL_KINDS,
  type ChannelKindName,
  EMAIL_NOT_SET_UP,
  MAX_EMAIL_RECIPIENTS,
  NOTIFICATION_EVENT_LABELS,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  splitAddresses,
} from "@authdeck/core/client";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { DialogFooter } from "../ui/dialog.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input, Select, Textarea } from "../ui/input.tsx";

type Values = {
  kind: ChannelKindName;
  name: string;
  url?: string;
  recipients?: string[];
  events: NotificationEvent[];
  appIds: string[];
};
type Props = {
  teamId: string;
  /** Where the deployment sends email (SMTP_RECIPIENT_DOMAINS); null: Email cannot be chosen. */
  emailDomains: readonly string[] | null;
  pending: boolean;
  errors: Record<string, string>;
  onSubmit: (values: Values) => void;
};

const URL_HINTS: Record<Exclude<ChannelKindName, "email">, string> = {
  webhook: "Your endpoint; each request is signed with a secret shown once after saving.",
  slack:
    "The Slack incoming webhook URL. It is a secret: Authdeck keeps it sealed and never shows it again.",
};
const addressesHint = (domains: readonly string[]) =>
  `Up to ${MAX_EMAIL_RECIPIENTS}, separated by commas or new lines: ${allowedDomainsText(domains)}. Every member of the team sees them.`;

const CHECKBOX =
  "size-4 accent-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:accent-zinc-100 dark:focus-visible:outline-zinc-100";

export function ChannelForm({ teamId, emailDomains, pending, errors, onSubmit }: Props) {
  const trpc = useTRPC();
  const apps = useQuery(trpc.app.list.queryOptions({ teamId }));
  const [kind, setKind] = useState<ChannelKindName>("webhook");
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [addresses, setAddresses] = useState("");
  const kindHint = emailDomains ? undefined : `Email: ${EMAIL_NOT_SET_UP}.`;
  const recipientsHint = addressesHint(emailDomains ?? []);
  const [events, setEvents] = useState<ReadonlySet<NotificationEvent>>(
    new Set(NOTIFICATION_EVENTS),
  );
  const [appIds, setAppIds] = useState<ReadonlySet<string>>(new Set());

  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const target = kind === "email" ? { recipients: splitAddresses(addresses) } : { url };
    onSubmit({ kind, name, ...target, events: [...events], appIds: [...appIds] });
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <Field id="channel-kind" label="Kind" error={errors.kind} hint={kindHint}>
        <Select
          {...controlProps("channel-kind", errors.kind, kindHint)}
          value={kind}
          onChange={(event) => setKind(event.target.value as ChannelKindName)}
        >
          {CHANNEL_KINDS.map((value) => (
            <option key={value} value={value} disabled={value === "email" && !emailDomains}>
              {CHANNEL_KIND_LABELS[value]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="channel-name" label="Name" error={errors.name}>
        <Input
          {...controlProps("channel-name", errors.name)}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={80}
          required
        />
      </Field>
      {kind === "email" ? (
        <Field
          id="channel-recipients"
          label="Email addresses"
          error={errors.recipients}
          hint={recipientsHint}
        >
          <Textarea
            {...controlProps("channel-recipients", errors.recipients, recipientsHint)}
            value={addresses}
            onChange={(event) => setAddresses(event.target.value)}
            rows={3}
            required
          />
        </Field>
      ) : (
        <Field id="channel-url" label="URL" error={errors.url} hint={URL_HINTS[kind]}>
          <Input
            {...controlProps("channel-url", errors.url, URL_HINTS[kind])}
            type="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            maxLength={3000}
            required
          />
        </Field>
      )}
      <fieldset className="grid gap-1" aria-describedby="channel-events-message">
        <legend className="mb-1 text-sm font-medium">Events</legend>
        {NOTIFICATION_EVENTS.map((name) => (
          <label key={name} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className={CHECKBOX}
              checked={events.has(name)}
              onChange={(event) => setEvents(toggle(events, name, event.target.checked))}
            />
            {NOTIFICATION_EVENT_LABELS[name]}
          </label>
        ))}
        <p
          id="channel-events-message"
          className={
            errors.events ? "text-sm text-red-600 dark:text-red-400" : "text-sm text-muted"
          }
        >
          {errors.events ??
            "Each is sent once per change; expiries 30, 7 and 1 days ahead and once expired."}
        </p>
      </fieldset>
      <fieldset className="grid gap-1" aria-describedby="channel-apps-message">
        <legend className="mb-1 text-sm font-medium">Apps</legend>
        {apps.data?.map((app) => (
          <label key={app.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className={CHECKBOX}
              checked={appIds.has(app.id)}
              onChange={(event) => setAppIds(toggle(appIds, app.id, event.target.checked))}
            />
            {app.name}
          </label>
        ))}
        <p
          id="channel-apps-message"
          className={
            errors.appIds ? "text-sm text-red-600 dark:text-red-400" : "text-sm text-muted"
          }
        >
          {errors.appIds ?? "None ticked: every app, including apps added later."}
        </p>
      </fieldset>
      <DialogFooter>
        <Button type="submit" pending={pending}>
          Add channel
        </Button>
      </DialogFooter>
    </form>
  );
}
