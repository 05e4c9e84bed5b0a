"use client";
import Link from "next/link";
import { CopyButton } from "../ui/copy-button.tsx";
import { AutoRefreshSwitch } from "./auto-refresh-switch.tsx";
import { HistoryCharts } from "./charts/lazy.tsx";
import type { ProfileView } from "./dashboard-types.ts";
import { summarizeHistory } from "./history-summary.ts";
import { RefreshNowButton } from "./refresh-now-button.tsx";
import { TokenRow } from "./token-row.tsx";

type Props = {
  teamId: string;
  appId: string;
  profile: ProfileView;
  now: number;
  can: { write: boolean; test: boolean; manageKeys: boolean };
};

/** One profile: its token(s) with controls, then its recent requests as charts. */
export function ProfileTokens({ teamId, appId, profile, now, can }: Props) {
  const headingId = `tokens-of-${profile.id}`;
  const tokenPath = `/api/v1/apps/${appId}/profiles/${profile.id}/token`;
  const noTenantYet =
    profile.tenancyEnabled && profile.tokens.every((t) => t.tenant === "" && t.status === "none");
  return (
    <section
      aria-labelledby={headingId}
      className="grid gap-4 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id={headingId} className="font-medium">
            {profile.name}
          </h3>
          <p className="text-sm text-muted">
            {profile.identityProviderName}
            {profile.tenancyEnabled && " · one token per tenant"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          {can.write ? (
            <AutoRefreshSwitch
              teamId={teamId}
              appId={appId}
              profileId={profile.id}
              enabled={profile.autoRefresh}
            />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Auto-refresh {profile.autoRefresh ? "on" : "off"}
            </p>
          )}
          {can.test && <RefreshNowButton teamId={teamId} appId={appId} profile={profile} />}
        </div>
      </div>

      {noTenantYet ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No tenant has a token yet: one appears when a tenant is tested or its token is asked for.
        </p>
      ) : (
        <div className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {profile.tokens.map((token) => (
            <TokenRow
              key={token.tenant}
              token={token}
              autoRefresh={profile.autoRefresh}
              tenancy={profile.tenancyEnabled}
              now={now}
            />
          ))}
        </div>
      )}

      <div className="grid gap-2 border-t border-zinc-100 pt-4 dark:border-zinc-800">
        <h4 className="text-sm font-medium">Recent requests</h4>
        {profile.history.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No token requests yet. Tests and refreshes will be charted here.
          </p>
        ) : (
          <>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {summarizeHistory(profile.history)}
            </p>
            <HistoryCharts history={profile.history} profileName={profile.name} />
          </>
        )}
      </div>

      <div className="flex flex-wrap items-center gap-2 border-t border-zinc-100 pt-4 text-sm dark:border-zinc-800">
        <span className="text-muted">Token API</span>
        <code className="min-w-0 flex-1 font-mono text-xs break-all">GET {tokenPath}</code>
        <CopyButton
          text={`${typeof window === "undefined" ? "" : window.location.origin}${tokenPath}`}
          label={`Copy the token API URL of ${profile.name}`}
        />
        {can.manageKeys && (
          <Link
            href={`/t/${teamId}/api-keys?app=${appId}`}
            className="font-medium underline underline-offset-4"
          >
            Create an API key for this app
          </Link>
        )}
      </div>
    </section>
  );
}
