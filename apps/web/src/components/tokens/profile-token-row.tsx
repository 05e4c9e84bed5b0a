"use client";
import type { HealthStatusName } from "@authdeck/core/client";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { plural } from "~/lib/format.ts";
import { cn } from "~/lib/utils.ts";
import { HealthBadge } from "../health/health-badge.tsx";
import { Td, Tr } from "../ui/table.tsx";
import { AutoRefreshSwitch } from "./auto-refresh-switch.tsx";
import type { ProfileView } from "./dashboard-types.ts";
import { Expiry } from "./expiry.tsx";
import { ProfileDetails } from "./profile-details.tsx";
import { summarizeProfile } from "./profile-summary.ts";
import { TokenStatusBadge } from "./token-status.tsx";
import { AUTO_REFRESH_HEADING_ID, FROM_LG, FROM_MD, FROM_SM, NARROW } from "./tokens-columns.ts";
import { TrendSparkline } from "./trend-sparkline.tsx";

type Props = {
  teamId: string;
  appId: string;
  profile: ProfileView;
  /** The profile's health, when it has a check. */
  health?: HealthStatusName | undefined;
  now: number;
  can: { write: boolean; test: boolean };
  open: boolean;
  onToggle: () => void;
};

/** A profile's summary row and, unfolded, a row under it with its details. */
export function ProfileTokenRow({
  teamId,
  appId,
  profile,
  health,
  now,
  can,
  open,
  onToggle,
}: Props) {
  const summary = summarizeProfile(profile, now);
  const nameId = `token-row-${profile.id}`;
  const detailsId = `token-details-${profile.id}`;
  return (
    <>
      <Tr data-profile-row={profile.id} className={cn(open && "border-b-0")}>
        <Td className={NARROW}>
          <div className="flex min-w-0 items-start gap-1">
            <button
              type="button"
              aria-expanded={open}
              aria-controls={open ? detailsId : undefined}
              aria-label={`Details of ${profile.name}`}
              onClick={onToggle}
              className="-ml-1 rounded p-0.5 text-muted hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:focus-visible:outline-zinc-100"
            >
              <ChevronRight
                className={cn("size-4 motion-safe:transition-transform", open && "rotate-90")}
                aria-hidden
              />
            </button>
            <div className="grid min-w-0">
              <Link
                id={nameId}
                href={`/t/${teamId}/apps/${appId}/profiles/${profile.id}`}
                className="font-medium break-words hover:underline"
              >
                {profile.name}
              </Link>
              {health && (
                <span className="mt-0.5">
                  <HealthBadge status={health} />
                </span>
              )}
              {profile.tenancyEnabled && (
                <span className="text-xs text-muted">
                  {summary.tokens.length === 0
                    ? "No tenant yet"
                    : plural(summary.tokens.length, "tenant")}
                </span>
              )}
            </div>
          </div>
        </Td>
        <Td className={NARROW}>
          <span className="flex flex-wrap gap-1">
            {summary.states.length === 0 ? (
              <TokenStatusBadge status="none" />
            ) : (
              summary.states.map(({ state, count }) => (
                <TokenStatusBadge
                  key={state}
                  status={state}
                  count={profile.tenancyEnabled ? count : undefined}
                />
              ))
            )}
          </span>
        </Td>
        <Td className={cn(FROM_SM, "tabular-nums")}>
          <Expiry at={summary.expiresAt} now={now} />
        </Td>
        <Td className={NARROW}>
          {can.write ? (
            <AutoRefreshSwitch
              teamId={teamId}
              appId={appId}
              profileId={profile.id}
              enabled={profile.autoRefresh}
              labelledBy={`${AUTO_REFRESH_HEADING_ID} ${nameId}`}
            />
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">
              {profile.autoRefresh ? "On" : "Off"}
            </span>
          )}
        </Td>
        <Td className={FROM_MD}>
          {summary.lastError ? (
            // Cut to one line here; the whole text shows on hover and in the unfolded row, and
            // screen readers read it all.
            <p
              className="truncate font-mono text-xs text-red-800 dark:text-red-300"
              title={summary.lastError.text}
              data-last-error
            >
              {summary.lastError.tenant && `${summary.lastError.tenant}: `}
              {summary.lastError.text}
              {summary.lastError.failing > 1 && ` (+${summary.lastError.failing - 1} more)`}
            </p>
          ) : (
            <span className="text-muted">None</span>
          )}
        </Td>
        <Td className={FROM_LG}>
          <TrendSparkline history={profile.history} />
        </Td>
      </Tr>
      {open && (
        <Tr>
          <Td colSpan={6} className="px-3 pt-0 pb-4 sm:px-4 sm:pl-10">
            <ProfileDetails
              id={detailsId}
              teamId={teamId}
              appId={appId}
              profile={profile}
              now={now}
              canTest={can.test}
            />
          </Td>
        </Tr>
      )}
    </>
  );
}
