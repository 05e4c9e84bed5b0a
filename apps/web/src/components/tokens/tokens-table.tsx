"use client";
import { useState } from "react";
import { useAppHealth } from "../health/use-app-health.ts";
import { Table, Th } from "../ui/table.tsx";
import type { ProfileView } from "./dashboard-types.ts";
import { ProfileTokenRow } from "./profile-token-row.tsx";
import { AUTO_REFRESH_HEADING_ID, FROM_LG, FROM_MD, FROM_SM, NARROW } from "./tokens-columns.ts";

type Props = {
  teamId: string;
  appId: string;
  profiles: ProfileView[];
  now: number;
  can: { write: boolean; test: boolean };
};

/** One row per profile, each unfolding to its tokens, Refresh now and charts. */
export function TokensTable({ teamId, appId, profiles, now, can }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const health = useAppHealth({ teamId, appId });
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    // Fixed layout: widths come from the headings, so a hundred rows lay out at once and an
    // unfolded chart takes the row's width instead of widening the table.
    <Table aria-label="Tokens by profile" className="table-fixed">
      {/* Under fixed layout the columns take these widths; a column a screen has no room for
          is 0 wide, so an unfolded row spanning all six still spans only what is shown. */}
      <colgroup>
        <col />
        <col className="w-28 sm:w-36" />
        <col className="w-0 sm:w-48" />
        <col className="w-24 sm:w-28" />
        <col className="w-0 md:w-auto" />
        <col className="w-0 lg:w-36" />
      </colgroup>
      <thead>
        <tr>
          <Th className={NARROW}>Profile</Th>
          <Th className={NARROW}>State</Th>
          <Th className={FROM_SM}>Expires in</Th>
          <Th id={AUTO_REFRESH_HEADING_ID} className={NARROW}>
            Auto-refresh
          </Th>
          <Th className={FROM_MD}>Last error</Th>
          <Th className={FROM_LG}>Recent requests</Th>
        </tr>
      </thead>
      <tbody>
        {profiles.map((profile) => (
          <ProfileTokenRow
            key={profile.id}
            teamId={teamId}
            appId={appId}
            profile={profile}
            health={health.get(profile.id)}
            now={now}
            can={can}
            open={open.has(profile.id)}
            onToggle={() => toggle(profile.id)}
          />
        ))}
      </tbody>
    </Table>
  );
}
