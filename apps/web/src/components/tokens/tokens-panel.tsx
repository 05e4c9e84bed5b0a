"use client";
import { Timer } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useApp } from "../apps/app-context.tsx";
import { useTeam } from "../team/team-context.tsx";
import { Button } from "../ui/button.tsx";
import { EmptyState, ErrorState, Skeleton } from "../ui/states.tsx";
import { TimelineFigure } from "./charts/timeline-figure.tsx";
import { timelineRows } from "./charts/timeline-rows.ts";
import { LiveIndicator } from "./live-indicator.tsx";
import { TokensTable } from "./tokens-table.tsx";
import { useTokenDashboard } from "./use-token-dashboard.ts";

/** The app's tokens, live: a row per profile with its state and countdown, unfolding to charts. */
export function TokensPanel() {
  const team = useTeam();
  const app = useApp();
  const { query, live, now } = useTokenDashboard({ teamId: team.id, appId: app.id });

  let body: ReactNode;
  if (query.data === undefined && query.isError) {
    body = (
      <ErrorState
        title="Tokens could not be loaded"
        message={messageOf(query.error)}
        onRetry={() => query.refetch()}
        retrying={query.isRefetching}
      />
    );
  } else if (query.data === undefined) {
    body = (
      <div role="status" aria-label="Loading tokens" className="grid gap-4">
        <Skeleton className="h-56 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  } else if (query.data.profiles.length === 0) {
    body = (
      <EmptyState
        icon={<Timer />}
        title="No profiles yet"
        action={
          <Button asChild variant="secondary">
            <Link href={`/t/${team.id}/apps/${app.id}/profiles`}>Authorization Profiles</Link>
          </Button>
        }
      >
        Tokens show here once this app has an authorization profile.
      </EmptyState>
    );
  } else {
    const rows = timelineRows(query.data);
    body = (
      <div className="grid gap-6">
        <section
          aria-labelledby="timeline-heading"
          className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h3 id="timeline-heading" className="font-medium">
            Upcoming expiries and refreshes
          </h3>
          {rows.length > 0 ? (
            <TimelineFigure rows={rows} now={now} />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              No token yet: turn on Auto-refresh or press Refresh now on a profile below.
            </p>
          )}
        </section>
        <TokensTable
          teamId={team.id}
          appId={app.id}
          profiles={query.data.profiles}
          now={now}
          can={{ write: team.can("profile.write"), test: team.can("profile.test") }}
        />
      </div>
    );
  }

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Tokens</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Each profile's current token, kept fresh ahead of expiry for the services that ask for
            it with an API key.
            {team.can("apiKey.manage") && (
              <>
                {" "}
                <Link
                  href={`/t/${team.id}/api-keys?app=${app.id}`}
                  className="font-medium text-zinc-900 underline underline-offset-4 dark:text-zinc-100"
                >
                  Create an API key for this app
                </Link>
              </>
            )}
          </p>
        </div>
        <LiveIndicator
          status={live.status}
          error={live.error ? messageOf(live.error) : null}
          onReconnect={live.reset}
        />
      </div>
      {body}
    </>
  );
}
