"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { AutoRefreshSwitch } from "../tokens/auto-refresh-switch.tsx";

type Props = { teamId: string; appId: string; profileId: string };

/**
 * Under a passing test: whether the token just obtained will be kept fresh, with the switch
 * right there for those allowed to change it.
 */
export function AutoRefreshNote({ teamId, appId, profileId }: Props) {
  const trpc = useTRPC();
  const team = useTeam();
  const profile = useQuery(trpc.profile.get.queryOptions({ teamId, appId, profileId }));
  if (!profile.data) return null;
  const on = profile.data.autoRefresh;
  return (
    <div className="grid gap-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <p>
        <span className="font-medium">Auto-refresh {on ? "on" : "off"}</span>
        {": "}
        {on
          ? "Authdeck requests a new token before this one expires, so a fresh one is always ready."
          : "this token will not be renewed before it expires."}
      </p>
      {team.can("profile.write") && (
        <AutoRefreshSwitch teamId={teamId} appId={appId} profileId={profileId} enabled={on} />
      )}
    </div>
  );
}
