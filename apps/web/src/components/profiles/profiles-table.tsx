"use client";
import Link from "next/link";
import type { RouterOutputs } from "~/lib/trpc.tsx";
import { cn } from "~/lib/utils.ts";
import { Badge } from "../ui/badge.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { TYPE_LABELS } from "./labels.ts";
import { LastTestCell, TokenCell } from "./profile-cells.tsx";
import { ProfileRowActions } from "./profile-row-actions.tsx";
import { type Sort, SortHeader } from "./sort-header.tsx";

const WIDE_ONLY = "hidden md:table-cell";

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
  // A column that says the same thing on every row only pushes the names onto more lines.
  const showType = new Set(rows.map((row) => row.type)).size > 1;
  return (
    <Table aria-label="Authorization profiles">
      <thead>
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
          <Tr key={profile.id}>
            <Td>
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`${base}/${profile.id}`} className="font-medium hover:underline">
                  {profile.name}
                </Link>
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
            <Td>{profile.identityProviderName}</Td>
            <Td className={cn(WIDE_ONLY, "font-mono text-xs")}>{profile.tokenUrlHost}</Td>
            <Td>
              <LastTestCell lastTest={profile.lastTest} />
            </Td>
            <Td>
              <TokenCell token={profile.token} />
            </Td>
            <Td>
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
