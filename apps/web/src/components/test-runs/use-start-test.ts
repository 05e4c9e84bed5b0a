"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { errorCodeOf, messageOf } from "~/lib/errors.ts";
import { type RouterOutputs, useTRPC } from "~/lib/trpc.tsx";

/**
 * Queues a test. A verdict that came with the answer is kept where useTestRun finds it, so the
 * page shows it without opening a live stream. A tenant problem is left to the tenant field; a rate limit or a queue outage
 * is said in a toast, in the server's words (they say when to try again).
 */
export function useStartTest() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.testRun.start.mutationOptions({
      onSuccess: (started, input) => {
        keepVerdict(queryClient, trpc, input, started);
        void queryClient.invalidateQueries({ queryKey: trpc.testRun.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.profile.list.pathKey() });
      },
      onError: (error) => {
        if (fieldErrorsOf(error).tenant) return;
        const code = errorCodeOf(error);
        toast.error(
          code === "TOO_MANY_REQUESTS" || code === "SERVICE_UNAVAILABLE"
            ? error.message
            : messageOf(error),
        );
      },
    }),
  );
}

/**
 * Every start of a test passes its answer here: a verdict that came with it is kept where
 * useTestRun finds it (testRun.get's key), and what it changed is read again.
 */
export function keepVerdict(
  queryClient: QueryClient,
  trpc: ReturnType<typeof useTRPC>,
  { teamId, appId }: { teamId: string; appId: string },
  { runId, run }: RouterOutputs["testRun"]["start"],
) {
  if (!run) return;
  queryClient.setQueryData(trpc.testRun.get.queryKey({ teamId, appId, runId }), run);
  void queryClient.invalidateQueries({ queryKey: trpc.token.pathKey() });
}
