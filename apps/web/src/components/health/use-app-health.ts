"use client";
import type { HealthStatusName } from "@authdeck/core/client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo } from "react";
import { putLatest } from "~/lib/put-latest.ts";
import { useTRPC } from "~/lib/trpc.tsx";

/**
 * The health of each profile of an app that has a check, kept current by the server's stream.
 * A profile missing from the map has no check.
 */
export function useAppHealth(input: { teamId: string; appId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.healthCheck.ofApp.queryOptions(input));
  useSubscription(
    trpc.healthCheck.onAppChange.subscriptionOptions(input, {
      enabled: query.data !== undefined,
      onData: (health) => putLatest(queryClient, trpc.healthCheck.ofApp.queryKey(input), health),
    }),
  );
  return useMemo(
    () => new Map<string, HealthStatusName>(query.data?.map((h) => [h.profileId, h.status])),
    [query.data],
  );
}
