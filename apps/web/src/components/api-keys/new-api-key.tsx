"use client";
import { useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { CopyButton } from "../ui/copy-button.tsx";
import { DialogFooter } from "../ui/dialog.tsx";
import { Field } from "../ui/field.tsx";
import { Input, Select } from "../ui/input.tsx";

type Props = { teamId: string; apiKey: string; appId: string; onDone: () => void };

/** The new key, shown this once, and a request to try it with. */
export function NewApiKey({ teamId, apiKey, appId, onDone }: Props) {
  const trpc = useTRPC();
  // A real profile makes the example one that works when pasted: one whose last test passed,
  // unless the person picks another.
  const profiles = useQuery(trpc.profile.list.queryOptions({ teamId, appId, pageSize: 100 }));
  const list = profiles.data?.profiles ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const passing = list.find((profile) => profile.lastTest?.status === "succeeded");
  const profile = list.find((p) => p.id === chosen) ?? passing ?? list[0];
  const profileId = profile?.id ?? "<PROFILE_ID>";
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const curl = `curl -H "Authorization: Bearer ${apiKey}" \\\n  ${origin}/api/v1/apps/${appId}/profiles/${profileId}/token`;

  return (
    <div className="grid gap-4">
      <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        This is the only time the key is shown. Store it where the service reads its secrets.
      </p>
      <Field id="new-api-key" label="API key">
        <div className="flex gap-2">
          <Input
            id="new-api-key"
            readOnly
            value={apiKey}
            className="font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={apiKey} label="Copy the API key" />
        </div>
      </Field>
      <div className="grid gap-1.5">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-sm font-medium">Try it</h3>
          <CopyButton text={curl} label="Copy the curl example" />
        </div>
        {list.length > 0 && (
          <div className="grid gap-1.5">
            <label htmlFor="try-profile" className="text-sm">
              Fetch a token of
            </label>
            <Select
              id="try-profile"
              value={profileId}
              aria-describedby="try-profile-hint"
              onChange={(event) => setChosen(event.target.value)}
            >
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.lastTest
                    ? ` (last test ${p.lastTest.status === "succeeded" ? "passed" : "failed"})`
                    : " (not tested)"}
                </option>
              ))}
            </Select>
            <p id="try-profile-hint" className="text-xs text-muted">
              {profile?.lastTest?.status === "succeeded"
                ? `The command fetches a token of ${profile.name}, whose last test passed.`
                : `The command fetches a token of ${profile?.name}; its last test did not pass, so expect an error until it does.`}
            </p>
          </div>
        )}
        <pre className="rounded-md bg-zinc-100 p-3 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-800">
          {curl}
        </pre>
        {profileId === "<PROFILE_ID>" && (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Put a profile's id in place of &lt;PROFILE_ID&gt;: each app's Tokens page lists the
            token URL of every profile.
          </p>
        )}
      </div>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
