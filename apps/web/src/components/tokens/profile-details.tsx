"use client";
import { CopyButton } from "../ui/copy-button.tsx";
import { HistoryCharts } from "./charts/lazy.tsx";
import type { ProfileView } from "./dashboard-types.ts";
import { summarizeHistory } from "./history-summary.ts";
import { RefreshNowButton } from "./refresh-now-button.tsx";
import { TokenProviderActions } from "./token-provider-actions.tsx";
import { TokenRow } from "./token-row.tsx";

type Props = {
  id: string;
  appId: string;
  teamId: string;
  profile: ProfileView;
  now: number;
  canTest: boolean;
};

/** What a profile's row unfolds: its token(s) one by one, Refresh now, charts, the token URL. */
export function ProfileDetails({ id, teamId, appId, profile, now, canTest }: Props) {
  const tokenPath = `/api/v1/apps/${appId}/profiles/${profile.id}/token`;
  const noTenantYet =
    profile.tenancyEnabled && profile.tokens.every((t) => t.tenant === "" && t.status === "none");
  return (
    <section id={id} aria-label={`${profile.name}: details`} className="grid min-w-0 gap-4 py-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted">
          {profile.identityProviderName}
          {profile.tenancyEnabled && " · one token per tenant"}
        </p>
        {canTest && <RefreshNowButton teamId={teamId} appId={appId} profile={profile} />}
      </div>

      {noTenantYet ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No tenant has a token yet: one appears when a tenant is tested or its token is asked for.
        </p>
      ) : (
        <div className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {profile.tokens.map((token) => (
            <div key={token.tenant} className="grid gap-2 py-3 first:pt-0 last:pb-0">
              <TokenRow
                token={token}
                autoRefresh={profile.autoRefresh}
                tenancy={profile.tenancyEnabled}
                now={now}
              />
              {canTest && token.status !== "none" && (
                <TokenProviderActions
                  teamId={teamId}
                  appId={appId}
                  profile={profile}
                  tenant={token.tenant}
                />
              )}
            </div>
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
      </div>
    </section>
  );
}
