"use client";
import { formatExact } from "~/lib/format.ts";
import { formatCountdown, useNow } from "~/lib/time.ts";
import { RunStatusBadge } from "../test-runs/run-status-badge.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";

type LastTest = { status: string; finishedAt: Date | null } | null;
type Token = { status: string; expiresAt: Date | null } | null;

export function LastTestCell({ lastTest }: { lastTest: LastTest }) {
  if (!lastTest) return <span className="text-muted">Never tested</span>;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <RunStatusBadge status={lastTest.status} />
      {lastTest.finishedAt && (
        <RelativeTime at={lastTest.finishedAt} className="text-xs text-muted" />
      )}
    </span>
  );
}

const TOKEN_LABELS: Record<string, string> = {
  fresh: "Fresh",
  refreshing: "Refreshing",
  failing: "Refresh failing",
  expired: "Expired",
};

/** The stored token's state; a fresh token past its expiry is shown as expired. */
export function TokenCell({ token }: { token: Token }) {
  const now = useNow();
  if (!token) return <span className="text-muted">No token</span>;
  const left = token.expiresAt ? (token.expiresAt.getTime() - now.getTime()) / 1000 : null;
  const expired = token.status === "expired" || (left !== null && left <= 0);
  const label = expired ? "Expired" : (TOKEN_LABELS[token.status] ?? token.status);
  return (
    <span className="grid text-sm">
      <span
        className={expired || token.status === "failing" ? "text-red-700 dark:text-red-400" : ""}
      >
        {label}
      </span>
      {!expired && left !== null && (
        <time
          dateTime={token.expiresAt?.toISOString()}
          title={token.expiresAt ? formatExact(token.expiresAt) : undefined}
          className="text-xs text-muted tabular-nums"
        >
          expires in {formatCountdown(left)}
        </time>
      )}
    </span>
  );
}
