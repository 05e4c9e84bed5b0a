"use client";
import { skipToken, useQuery } from "@tanstack/react-query";
import { Eye } from "lucide-react";
import { useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { RequestView } from "../test-runs/request-view.tsx";
import { Button } from "../ui/button.tsx";
import { Alert } from "../ui/states.tsx";
import { toProfileInput } from "./profile-form-values.ts";
import type { ProfileForm } from "./use-profile-form.ts";

/** The token request the dialog's current values would send, from the server's own builder. */
export function RequestPreview(props: { teamId: string; appId: string; form: ProfileForm }) {
  const { form } = props;
  const trpc = useTRPC();
  const [draft, setDraft] = useState<ReturnType<typeof toProfileInput> | null>(null);
  const [blocked, setBlocked] = useState(false);
  const preview = useQuery(
    trpc.profile.preview.queryOptions(
      draft ? { teamId: props.teamId, appId: props.appId, draft } : skipToken,
      { staleTime: 0, retry: false },
    ),
  );
  const current = toProfileInput(form.values);
  const outdated = draft !== null && JSON.stringify(draft) !== JSON.stringify(current);

  function show() {
    if (!form.isValid) {
      form.markSubmitted();
      setBlocked(true);
      return;
    }
    setBlocked(false);
    setDraft(current);
  }

  return (
    <section aria-labelledby="request-preview-heading" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h3 id="request-preview-heading" className="text-sm font-medium">
            Request preview
          </h3>
          <p className="text-sm text-muted">
            The token request a test would send, with every secret masked.
          </p>
        </div>
        <Button variant="secondary" size="sm" onClick={show} pending={preview.isFetching}>
          <Eye aria-hidden />
          Preview request
        </Button>
      </div>
      {blocked && !form.isValid && (
        <Alert>Fix the problems marked above to preview the request.</Alert>
      )}
      {preview.isError && <Alert>{messageOf(preview.error)}</Alert>}
      {preview.data && (
        <div className="grid gap-2">
          {outdated && (
            <p className="text-sm text-amber-700 dark:text-amber-400">
              The form changed since this preview; press Preview request again.
            </p>
          )}
          {form.values.tenancyEnabled && (
            <p className="text-sm text-muted">{"{tenant}"} is shown filled with "tenant".</p>
          )}
          <RequestView
            request={preview.data.request}
            curl={preview.data.curl}
            label="Previewed request"
          />
          {preview.data.assertion && (
            <div className="grid gap-1">
              <h4 className="text-sm font-medium">Client assertion (not signed in the preview)</h4>
              <pre className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
                {JSON.stringify(preview.data.assertion, null, 2)}
              </pre>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
