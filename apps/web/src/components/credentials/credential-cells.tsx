"use client";
import { AlertTriangle, CircleX, Clock } from "lucide-react";
import { RelativeTime } from "../ui/relative-time.tsx";
import type { Credential } from "./credential-sort.ts";

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
/** "Mar 31, 2027": a calendar day, the same in every time zone. */
const formatDay = (date: Date) => day.format(date);

type Flag = Credential["flags"][number];

const FLAG_LOOK: Record<Flag["kind"], string> = {
  expired:
    "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
  expiring:
    "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failing:
    "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
  stale:
    "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

/** What needs attention, in words with an icon, so colour is never the only cue. */
export function Flags({ flags }: { flags: Flag[] }) {
  if (flags.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label="Needs attention">
      {flags.map((flag) => {
        const urgent = flag.kind === "expired" || (flag.kind === "expiring" && flag.threshold <= 7);
        const Icon =
          flag.kind === "stale"
            ? Clock
            : urgent || flag.kind === "failing"
              ? CircleX
              : AlertTriangle;
        const look =
          flag.kind === "expiring" && flag.threshold <= 7
            ? FLAG_LOOK.expired
            : FLAG_LOOK[flag.kind];
        return (
          <li
            key={flag.kind}
            data-flag={flag.kind}
            className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${look}`}
          >
            <Icon className="size-3.5" aria-hidden />
            {flag.label}
          </li>
        );
      })}
    </ul>
  );
}

/** The secret's day, the certificate's notAfter, or that a signing key does not expire. */
export function Expiry({ credential }: { credential: Credential }) {
  const { secretExpiresOn, certificateExpiresAt, keyAddedAt, clientAuthMethod } = credential;
  const lines: string[] = [];
  if (secretExpiresOn) lines.push(`Secret: ${formatDay(new Date(`${secretExpiresOn}T00:00:00Z`))}`);
  if (certificateExpiresAt) lines.push(`Certificate: ${formatDay(certificateExpiresAt)}`);
  if (lines.length > 0)
    return (
      <div className="grid gap-0.5 whitespace-nowrap">
        {lines.map((line) => (
          <span key={line}>{line}</span>
        ))}
      </div>
    );
  if (clientAuthMethod === "private_key_jwt")
    return (
      <span className="text-muted">
        Key does not expire
        {keyAddedAt && (
          <>
            {"; made "}
            <RelativeTime at={keyAddedAt} />
          </>
        )}
      </span>
    );
  return <span className="text-muted">Not entered</span>;
}

export function When({ at, none }: { at: Date | null; none: string }) {
  return at ? <RelativeTime at={at} /> : <span className="text-muted">{none}</span>;
}
