"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { putLatest } from "~/lib/put-latest.ts";
import { useNow } from "~/lib/time.ts";
import { useTRPC } from "~/lib/trpc.tsx";

/**
 * The app's token dashboard, kept current by the server's stream, and the server's time now,
 * ticking every second: countdowns stay right even when this computer's clock is off.
 */
export function useTokenDashboard(input: { teamId: string; appId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.token.dashboard.queryOptions(input));
  const live = useSubscription(
    trpc.token.onChange.subscriptionOptions(input, {
      enabled: query.data !== undefined,
      onData: (dashboard) =>
        putLatest(queryClient, trpc.token.dashboard.queryKey(input), dashboard),
    }),
  );
  const tick = useNow().getTime();
  const skew = query.data ? query.data.now.getTime() - query.dataUpdatedAt : 0;
  return { query, live, now: tick + skew };
}
