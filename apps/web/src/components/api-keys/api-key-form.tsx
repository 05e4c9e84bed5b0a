"use client";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { DialogFooter } from "../ui/dialog.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { Alert, Skeleton } from "../ui/states.tsx";

type Props = {
  teamId: string;
  /** The app the person came from: ticked from the start. */
  fromAppId?: string | undefined;
  pending: boolean;
  errors: Record<string, string>;
  onSubmit: (values: { name: string; appIds: string[] }) => void;
};

const NAME_HINT = "Name it after the service that will use it.";
const APPS_HINT = "Tick at least one app: the key fetches tokens of the apps ticked here only.";

/** Ticked before anyone touches a box: the app the person came from, when the team has it. */
function preselected(apps: ReadonlyArray<{ id: string }> | undefined, fromAppId?: string) {
  return new Set(fromAppId && apps?.some((app) => app.id === fromAppId) ? [fromAppId] : []);
}

export function ApiKeyForm({ teamId, fromAppId, pending, errors, onSubmit }: Props) {
  const trpc = useTRPC();
  const apps = useQuery(trpc.app.list.queryOptions({ teamId }));
  const [name, setName] = useState("");
  // Null until a box is touched: until then the preselection stands, once the apps are known.
  const [picked, setPicked] = useState<ReadonlySet<string> | null>(null);
  const chosen = picked ?? preselected(apps.data, fromAppId);
  const [noAppChosen, setNoAppChosen] = useState(false);
  const appsError = noAppChosen ? "Choose at least one app" : errors.appIds;

  function toggle(appId: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(appId);
    else next.delete(appId);
    setPicked(next);
    if (next.size > 0) setNoAppChosen(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.size === 0) {
      setNoAppChosen(true);
      return;
    }
    onSubmit({ name, appIds: [...chosen] });
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <Field id="api-key-name" label="Key name" error={errors.name} hint={NAME_HINT}>
        <Input
          {...controlProps("api-key-name", errors.name, NAME_HINT)}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={255}
          required
        />
      </Field>
      <fieldset className="grid gap-2" aria-describedby="api-key-apps-message">
        <legend className="mb-1 text-sm font-medium">Apps this key can read</legend>
        {apps.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : apps.isError ? (
          <Alert>The apps could not be loaded: {messageOf(apps.error)}</Alert>
        ) : apps.data.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            This team has no apps yet. Create an app first.
          </p>
        ) : (
          <ul className="grid max-h-56 gap-1 overflow-y-auto rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
            {apps.data.map((app) => (
              <li key={app.id}>
                <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800">
                  <input
                    type="checkbox"
                    className="size-4 accent-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:accent-zinc-100 dark:focus-visible:outline-zinc-100"
                    checked={chosen.has(app.id)}
                    onChange={(event) => toggle(app.id, event.target.checked)}
                  />
                  {app.name}
                </label>
              </li>
            ))}
          </ul>
        )}
        {appsError ? (
          <p id="api-key-apps-message" className="text-sm text-red-600 dark:text-red-400">
            {appsError}
          </p>
        ) : (
          <p id="api-key-apps-message" className="text-sm text-muted">
            {APPS_HINT}
          </p>
        )}
      </fieldset>
      <DialogFooter>
        <Button type="submit" pending={pending} disabled={!apps.data?.length}>
          Create API key
        </Button>
      </DialogFooter>
    </form>
  );
}
