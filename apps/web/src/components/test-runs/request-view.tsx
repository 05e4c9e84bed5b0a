import type { SentRequest } from "@authdeck/core/client";
import type { ReactNode } from "react";
import { CopyButton } from "../ui/copy-button.tsx";

/** A token request as text, secrets already masked by the server, with its curl twin. */
export function RequestView({
  request,
  curl,
  label,
}: {
  request: SentRequest;
  curl?: string | undefined;
  /** Names the region: "Preview", "Request sent". */
  label: string;
}) {
  return (
    <section aria-label={label} className="grid gap-3 text-sm">
      <Block title="Request line">
        <span className="font-semibold">{request.method}</span> {request.url}
      </Block>
      <Block title="Headers">
        {request.headers.map(([name, value], index) => (
          // Headers may repeat, so a name is no key; the list never reorders.
          <div key={index}>
            <span className="text-muted">{name}:</span> {value}
          </div>
        ))}
      </Block>
      <Block title="Body">{request.body || <span className="text-muted">(empty)</span>}</Block>
      {curl && (
        <div className="grid gap-1">
          <div className="flex items-center justify-between">
            <h4 className="text-xs font-medium text-muted">curl</h4>
            <CopyButton text={curl} label="Copy the curl command" />
          </div>
          <pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">
            {curl}
          </pre>
        </div>
      )}
    </section>
  );
}

export function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="grid gap-1">
      <h4 className="text-xs font-medium text-muted">{title}</h4>
      <div className="overflow-x-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-950">
        {children}
      </div>
    </div>
  );
}

/** Pretty-prints a JSON body; any other body is shown as received. */
function readable(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** An answer's headers, one per line, already masked by the server. */
export function HeadersBlock({
  title,
  headers,
}: {
  title: string;
  headers: Record<string, string> | null;
}) {
  const entries = Object.entries(headers ?? {});
  return (
    <Block title={title}>
      {entries.length === 0
        ? "(none)"
        : entries.map(([name, value]) => (
            <div key={name}>
              <span className="text-muted">{name}:</span> {value}
            </div>
          ))}
    </Block>
  );
}

/** An answer's body, pretty when it is JSON; null is a body that was not kept. */
export function BodyBlock({ title, body }: { title: string; body: string | null }) {
  return (
    <Block title={title}>
      {body === null ? "(not stored)" : body ? readable(body) : "(empty)"}
    </Block>
  );
}
