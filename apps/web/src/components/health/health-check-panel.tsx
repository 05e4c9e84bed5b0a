"use client";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { putLatest } from "~/lib/put-latest.ts";
import { type RouterOutputs, useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { Skeleton } from "../ui/states.tsx";
import { CheckNowButton } from "./check-now-button.tsx";
import { HealthBadge } from "./health-badge.tsx";
import { HealthCheckForm } from "./health-check-form.tsx";
import { HealthResults } from "./health-results.tsx";

type Props = { teamId: string; appId: string; profileId: string; tenancyEnabled: boolean };
export type HealthCheckView = RouterOutputs["healthCheck"]["get"];

/**
 * A profile's scheduled health check: its state, live, the settings (editors and above) and
 * the latest results, with the API's answer for each failure.
 */
export function HealthCheckPanel({ teamId, appId, profileId, tenancyEnabled }: Props) {
  const trpc = useTRPC();
  const team = useTeam();
  const queryClient = useQueryClient();
  const ref = { teamId, appId, profileId };
  const query = useQuery(trpc.healthCheck.get.queryOptions(ref));
  useSubscription(
    trpc.healthCheck.onChange.subscriptionOptions(query.data ? ref : skipToken, {
      onData: (view) => putLatest(queryClient, trpc.healthCheck.get.queryKey(ref), view),
    }),
  );
  const view = query.data;
  return (
    <section aria-labelledby="health-check-heading" className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="health-check-heading" className="font-semibold">
          Health check
        </h3>
        {view && <HealthBadge status={view.check?.enabled ? view.check.status : "not_checked"} />}
        {view?.check?.enabled && team.can("profile.test") && <CheckNowButton {...ref} />}
      </div>
      {!view ? (
        <Skeleton className="h-24 w-full" />
      ) : !view.hasApiBaseUrl ? (
        <p className="text-sm text-muted">
          Set an API Base URL in the profile's API calls settings to have Authdeck call the API on a
          schedule and say when the credential stops working.
        </p>
      ) : (
        <>
          {view.check?.enabled && (
            <p className="text-sm text-muted">
              {view.check.lastCheckedAt ? (
                <RelativeTime at={view.check.lastCheckedAt} prefix="Last checked" />
              ) : (
                "Not checked yet"
              )}
              {" · "}
              <RelativeTime at={view.check.nextCheckAt} prefix="next check" />
              {view.check.status === "failing" && view.check.lastError && (
                <span className="block text-red-700 dark:text-red-300">{view.check.lastError}</span>
              )}
            </p>
          )}
          {team.can("profile.write") && (
            <HealthCheckForm
              key={view.check ? "saved" : "new"}
              {...ref}
              tenancyEnabled={tenancyEnabled}
              check={view.check}
            />
          )}
          <HealthResults results={view.results} />
        </>
      )}
    </section>
  );
}
