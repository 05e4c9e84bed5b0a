"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Switch } from "../ui/switch.tsx";

type Props = {
  teamId: string;
  appId: string;
  profileId: string;
  enabled: boolean;
  /** Ids of visible text naming the switch (a table's column heading and row), instead of its own label. */
  labelledBy?: string;
};

/** Background refresh on or off for one profile; the switch shows the new state at once. */
export function AutoRefreshSwitch({ teamId, appId, profileId, enabled, labelledBy }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = `auto-refresh-${profileId}`;
  const set = useMutation(
    trpc.token.setAutoRefresh.mutationOptions({
      // Kept pending until the dashboard and the profile have the new value, so the switch
      // never flips back wherever it is shown.
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({
            queryKey: trpc.token.dashboard.queryKey({ teamId, appId }),
          }),
          queryClient.invalidateQueries({
            queryKey: trpc.profile.get.queryKey({ teamId, appId, profileId }),
          }),
        ]),
      onError: (error) => toastUnlessShown(error),
    }),
  );
  const control = (
    <Switch
      id={id}
      aria-labelledby={labelledBy}
      checked={set.isPending ? set.variables.enabled : enabled}
      disabled={set.isPending}
      onCheckedChange={(next) => set.mutate({ teamId, appId, profileId, enabled: next })}
    />
  );
  if (labelledBy) return control;
  return (
    <div className="flex items-center gap-2">
      {control}
      <label htmlFor={id} className="text-sm font-medium">
        Auto-refresh
      </label>
    </div>
  );
}
