"use client";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { putLatest } from "~/lib/put-latest.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { Skeleton } from "../ui/states.tsx";
import { ApiCallHistory } from "./api-call-history.tsx";
import { ApiCallResult } from "./api-call-result.tsx";
import { RequestForm } from "./request-form.tsx";

type Props = { teamId: string; appId: string; profileId: string; tenancyEnabled: boolean };

const SHOWN_CALLS = 20;

/**
 * "Try a request": a call to the profile's API with its current token and authorization fields,
 * sent by the worker like Test; the answer comes in live. Editors and above send; everyone in the
 * team sees the history, with who sent each request.
 */
export function RequestConsolePanel({ teamId, appId, profileId, tenancyEnabled }: Props) {
  const trpc = useTRPC();
  const team = useTeam();
  const queryClient = useQueryClient();
  const listInput = { teamId, appId, profileId, limit: SHOWN_CALLS };
  const list = useQuery(trpc.apiCall.list.queryOptions(listInput));
  useSubscription(
    trpc.apiCall.onList.subscriptionOptions(list.data ? listInput : skipToken, {
      onData: (view) => putLatest(queryClient, trpc.apiCall.list.queryKey(listInput), view),
    }),
  );
  const [chosenId, setChosenId] = useState<string | null>(null);
  const shownId = chosenId ?? list.data?.calls[0]?.id ?? null;
  const shownRef = shownId ? { teamId, appId, profileId, callId: shownId } : null;
  const shown = useQuery(trpc.apiCall.get.queryOptions(shownRef ?? skipToken));
  useSubscription(
    trpc.apiCall.onUpdate.subscriptionOptions(shownRef ?? skipToken, {
      onData: (call) =>
        shownRef && putLatest(queryClient, trpc.apiCall.get.queryKey(shownRef), call),
    }),
  );
  const data = list.data;
  return (
    <section aria-labelledby="request-console-heading" className="grid gap-3">
      <h3 id="request-console-heading" className="font-semibold">
        Try a request
      </h3>
      {!data ? (
        <Skeleton className="h-24 w-full" />
      ) : !data.hasApiBaseUrl ? (
        <p className="text-sm text-muted">
          Set an API Base URL in the profile's API calls settings to send requests to the API with
          this profile's token.
        </p>
      ) : (
        <>
          {team.can("profile.test") && (
            <RequestForm
              teamId={teamId}
              appId={appId}
              profileId={profileId}
              tenancyEnabled={tenancyEnabled}
              onSent={async (callId) => {
                setChosenId(callId);
                await queryClient.invalidateQueries({
                  queryKey: trpc.apiCall.list.queryKey(listInput),
                });
              }}
            />
          )}
          {shown.data && <ApiCallResult key={shown.data.id} call={shown.data} />}
          <h4 className="text-sm font-semibold">Request history</h4>
          <ApiCallHistory calls={data.calls} shownId={shownId} onShow={setChosenId} />
        </>
      )}
    </section>
  );
}
