import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Puts what a live stream sent in its query's place. A read of the same query still in flight
 * began before this value existed; landing after it, it would put the older state back (for good
 * once the stream has ended: a request left "Sending…" although it was answered). It is
 * cancelled first; cancelling reverts at once, so the value set here is the one that stays.
 */
export function putLatest<T>(queryClient: QueryClient, queryKey: QueryKey, value: T) {
  void queryClient.cancelQueries({ queryKey, exact: true });
  queryClient.setQueryData(queryKey, value);
}
