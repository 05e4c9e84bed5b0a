"use client";
import { isRunOver } from "@authdeck/core/client";
import { skipToken, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { type RouterOutputs, useTRPC } from "~/lib/trpc.tsx";

export type TestRun = RouterOutputs["testRun"]["get"];

/**
 * A run as it changes, pushed by the server over SSE until its verdict. The last run received
 * is kept here: the subscription forgets its data once the stream ends. A verdict the start
 * call brought (useStartTest) is taken from the query cache, and no stream is opened for it.
 */
export function useTestRun(teamId: string, appId: string, runId: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState<TestRun | null>(null);
  const brought =
    runId && latest?.id !== runId
      ? queryClient.getQueryData(trpc.testRun.get.queryKey({ teamId, appId, runId }))
      : undefined;
  // Kept as the latest at once (React's "adjust state while rendering"): the cache may let go.
  if (brought) setLatest(brought);
  const run = latest?.id === runId ? latest : (brought ?? null);
  const receive = (next: TestRun) => {
    setLatest(next);
    if (isRunOver(next)) {
      void queryClient.invalidateQueries({ queryKey: trpc.testRun.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.profile.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.token.pathKey() });
    }
  };
  const subscription = useSubscription(
    trpc.testRun.onUpdate.subscriptionOptions(runId ? { teamId, appId, runId } : skipToken, {
      enabled: runId !== null && !isRunOver(run),
      onData: receive,
    }),
  );
  return {
    run,
    /** A newer state of the run learnt otherwise (the answer to Cancel, say). */
    receive,
    error: subscription.status === "error" ? subscription.error : null,
    retry: subscription.reset,
  };
}
