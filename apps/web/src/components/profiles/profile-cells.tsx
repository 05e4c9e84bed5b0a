"use client";
import { TOKEN_STATE_LABELS, type TokenStateName, tokenStateNow } from "@authdeck/core/client";
import { formatExact } from "~/lib/format.ts";
import { formatCountdown, useNow } from "~/lib/time.ts";
import { RunStatusBadge } from "../test-runs/run-status-badge.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";

type LastTest = { status: string; finishedAt: Date | null } | null;
type Token = { status: TokenStateName; expiresAt: Date | null } | null;

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

/** The token's state by the rule every page uses, moved on by the page's clock. */
export function TokenCell({ token }: { token: Token }) {
  const now = useNow();
  if (!token) return <span className="text-muted">{TOKEN_STATE_LABELS.none}</span>;
  const state = tokenStateNow(token.status, token.expiresAt, now);
  const left = token.expiresAt ? (token.expiresAt.getTime() - now.getTime()) / 1000 : null;
  const alarming = state === "expired" || state === "failing";
  return (
    <span className="grid text-sm" data-token-state={state}>
      <span className={alarming ? "text-red-700 dark:text-red-400" : ""}>
        {TOKEN_STATE_LABELS[state]}
      </span>
      {state !== "expired" && state !== "none" && left !== null && left > 0 && (
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
