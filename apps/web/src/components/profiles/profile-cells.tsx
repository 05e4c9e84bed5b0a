"use client";
import { formatDateTime } from "~/lib/format.ts";
import { formatCountdown, formatRelative, useNow } from "~/lib/time.ts";
import { RunStatusBadge } from "../tests/run-status-badge.tsx";

type LastTest = { status: string; finishedAt: Date | null } | null;
type Token = { status: string; expiresAt: Date | null } | null;

export function LastTestCell({ lastTest }: { lastTest: LastTest }) {
  const now = useNow(30_000);
  if (!lastTest) return <span className="text-muted">Never tested</span>;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <RunStatusBadge status={lastTest.status} />
      {lastTest.finishedAt && (
        <time
          dateTime={lastTest.finishedAt.toISOString()}
          title={formatDateTime(lastTest.finishedAt)}
          className="text-xs text-muted"
        >
          {formatRelative(lastTest.finishedAt, now)}
        </time>
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
  const now = useNow(1_000);
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
        <span className="text-xs text-muted tabular-nums">expires in {formatCountdown(left)}</span>
      )}
    </span>
  );
}
