"use client";
import Link from "next/link";
import type { RouterOutputs } from "~/lib/trpc.tsx";
import { cn } from "~/lib/utils.ts";
import { ProfileHealth } from "../health/health-badge.tsx";
import { useAppHealth } from "../health/use-app-health.ts";
import { Badge } from "../ui/badge.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { TYPE_LABELS } from "./labels.ts";
import { LastTestCell, TokenCell } from "./profile-cells.tsx";
import { ProfileRowActions } from "./profile-row-actions.tsx";
import { type Sort, SortHeader } from "./sort-header.tsx";

const WIDE_ONLY = "hidden md:table-cell";
// Under 640 px each row is a card: the name with Test and Edit beside it on the first line,
// the rest below, so a thumb reaches the actions without scrolling the table sideways.
const CARD_ROW =
  "max-sm:grid max-sm:grid-cols-[minmax(0,1fr)_auto] max-sm:items-center max-sm:py-2";
const CARD_CELL = "max-sm:py-1";
const CARD_WIDE = "max-sm:col-span-2";

export type ProfileRow = RouterOutputs["profile"]["list"]["profiles"][number];

type Props = {
  teamId: string;
  appId: string;
  rows: ProfileRow[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  canWrite: boolean;
  canTest: boolean;
  onEdit: (profileId: string) => void;
};

export function ProfilesTable({
  teamId,
  appId,
  rows,
  sort,
  onSort,
  canWrite,
  canTest,
  onEdit,
}: Props) {
  const base = `/t/${teamId}/apps/${appId}/profiles`;
  const health = useAppHealth({ teamId, appId });
  // A column that says the same thing on every row only pushes the names onto more lines.
  const showType = new Set(rows.map((row) => row.type)).size > 1;
  return (
    <Table aria-label="Authorization profiles">
      {/* Cards need no column headings (and their sort buttons would sit on the first card). */}
      <thead className="max-sm:hidden">
        <tr>
          <SortHeader label="Name" column="name" value={sort} onChange={onSort} />
          {/* On a phone the list keeps what tells profiles apart; the profile's page has the rest. */}
          {showType && (
            <SortHeader
              label="Authorization Type"
              column="type"
              value={sort}
              onChange={onSort}
              className={WIDE_ONLY}
            />
          )}
          <SortHeader
            label="Identity Provider"
            column="identityProviderName"
            value={sort}
            onChange={onSort}
          />
          <Th className={WIDE_ONLY}>Token URL host</Th>
          <Th>Last test</Th>
          <Th>Token</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((profile) => (
          <Tr key={profile.id} className={CARD_ROW}>
            <Td className={cn(CARD_CELL, "max-sm:min-w-0")}>
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`${base}/${profile.id}`} className="font-medium hover:underline">
                  {profile.name}
                </Link>
                <ProfileHealth status={health.get(profile.id)} />
                {profile.needsSecrets && (
                  <span title="Its secrets were not copied or imported: enter them with Edit">
                    <Badge>Incomplete</Badge>
                  </span>
                )}
              </span>
            </Td>
            {showType && (
              <Td className={cn(WIDE_ONLY, "text-zinc-600 dark:text-zinc-400")}>
                {TYPE_LABELS[profile.type] ?? profile.type}
              </Td>
            )}
            <Td className={cn(CARD_CELL, CARD_WIDE, "max-sm:row-start-2")}>
              {profile.identityProviderName}
            </Td>
            <Td className={cn(WIDE_ONLY, "font-mono text-xs")}>{profile.tokenUrlHost}</Td>
            <Td className={cn(CARD_CELL, "max-sm:row-start-3")}>
              <LastTestCell lastTest={profile.lastTest} />
            </Td>
            <Td className={cn(CARD_CELL, "max-sm:row-start-3")}>
              <TokenCell token={profile.token} />
            </Td>
            <Td className={cn(CARD_CELL, "max-sm:col-start-2 max-sm:row-start-1 max-sm:px-2")}>
              <ProfileRowActions
                teamId={teamId}
                appId={appId}
                profile={profile}
                href={`${base}/${profile.id}`}
                canWrite={canWrite}
                canTest={canTest}
                onEdit={() => onEdit(profile.id)}
              />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
