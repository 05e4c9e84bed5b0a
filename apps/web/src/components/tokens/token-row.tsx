import { Clock, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { formatExact, plural } from "~/lib/format.ts";
import { RelativeTime } from "../ui/relative-time.tsx";
import type { TokenView } from "./dashboard-types.ts";
import { Expiry } from "./expiry.tsx";
import { formatClock, formatSpan } from "./time-span.ts";
import { statusAt } from "./token-states.ts";
import { TokenStatusBadge } from "./token-status.tsx";

type Props = { token: TokenView; autoRefresh: boolean; tenancy: boolean; now: number };

/** One token of a profile (one per tenant with tenancy): its state, expiry and next refresh. */
export function TokenRow({ token, autoRefresh, tenancy, now }: Props) {
  const status = statusAt(token, now);
  return (
    <div className="grid gap-2 py-3 first:pt-0 last:pb-0" data-token-tenant={token.tenant}>
      {tenancy && (
        <p className="text-sm font-medium">
          Tenant <code className="font-mono">{token.tenant}</code>
        </p>
      )}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        <Item label="State">
          <TokenStatusBadge status={status} />
        </Item>
        <Item label="Expiry">
          <Expiry at={token.expiresAt} now={now} />
        </Item>
        <Item label="Next refresh">
          {!autoRefresh ? (
            <span className="text-muted">Auto-refresh is off</span>
          ) : token.nextRefreshAt ? (
            <NextRefresh at={token.nextRefreshAt} now={now} />
          ) : (
            <span className="text-muted">Not scheduled</span>
          )}
        </Item>
        <Item label="Obtained">
          {token.obtainedAt ? (
            <RelativeTime at={token.obtainedAt} now={now} />
          ) : (
            <span className="text-muted">Never</span>
          )}
        </Item>
      </dl>
      {token.refreshNote && (
        <p
          className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
          data-refresh-note
        >
          <Clock className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span className="min-w-0 break-words">{token.refreshNote}</span>
        </p>
      )}
      {token.consecutiveFailures > 0 && (
        <div className="flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <div className="min-w-0">
            <p className="font-medium">
              {plural(token.consecutiveFailures, "failed refresh", "failed refreshes")} in a row
            </p>
            {token.lastError && (
              <p className="font-mono text-xs break-words">Last error: {token.lastError}</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid content-start gap-0.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="tabular-nums">{children}</dd>
    </div>
  );
}

function NextRefresh({ at, now }: { at: Date; now: number }) {
  const left = at.getTime() - now;
  return (
    <time dateTime={at.toISOString()} title={formatExact(at)}>
      {formatClock(at)}{" "}
      <span className="text-muted">{left > 0 ? `(in ${formatSpan(left)})` : "(due now)"}</span>
    </time>
  );
}
