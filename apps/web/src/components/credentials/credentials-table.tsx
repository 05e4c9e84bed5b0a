"use client";
import Link from "next/link";
import { useState } from "react";
import { HealthBadge } from "../health/health-badge.tsx";
import { AUTH_METHOD_LABELS } from "../profiles/labels.ts";
import { SortHeader } from "../profiles/sort-header.tsx";
import { Button } from "../ui/button.tsx";
import { Table, Td, Tr } from "../ui/table.tsx";
import { Expiry, Flags, When } from "./credential-cells.tsx";
import {
  ATTENTION_FIRST,
  type Credential,
  type CredentialSort,
  type CredentialSortKey,
  sortCredentials,
} from "./credential-sort.ts";

const COLUMNS: Array<[CredentialSortKey, string]> = [
  ["name", "Profile"],
  ["app", "App"],
  ["method", "Client authentication"],
  ["expires", "Expires"],
  ["lastToken", "Last token"],
  ["lastUsed", "Last used"],
  ["health", "Health"],
  ["lastChanged", "Last changed by"],
];

export function CredentialsTable({
  teamId,
  credentials,
}: {
  teamId: string;
  credentials: Credential[];
}) {
  const [sort, setSort] = useState<CredentialSort>(ATTENTION_FIRST);
  const rows = sortCredentials(credentials, sort);
  return (
    <div className="grid gap-3">
      <div className="flex items-center gap-3 text-sm">
        <span className="text-muted" aria-live="polite">
          {sort.sort === "attention"
            ? "Sorted by what needs attention first."
            : `Sorted by ${COLUMNS.find(([key]) => key === sort.sort)?.[1]}.`}
        </span>
        {sort.sort !== "attention" && (
          <Button variant="secondary" size="sm" onClick={() => setSort(ATTENTION_FIRST)}>
            Needs attention first
          </Button>
        )}
      </div>
      <Table>
        <thead>
          <tr>
            {COLUMNS.map(([column, label]) => (
              <SortHeader<CredentialSortKey>
                key={column}
                label={label}
                column={column}
                value={sort}
                onChange={setSort}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <Tr key={c.id} data-credential={c.name}>
              <Td>
                <Link
                  href={`/t/${teamId}/apps/${c.app.id}/profiles/${c.id}`}
                  className="font-medium underline-offset-2 hover:underline"
                >
                  {c.name}
                </Link>
                <Flags flags={c.flags} />
              </Td>
              <Td>{c.app.name}</Td>
              <Td className="min-w-48">{AUTH_METHOD_LABELS[c.clientAuthMethod]}</Td>
              <Td>
                <Expiry credential={c} />
              </Td>
              <Td className="whitespace-nowrap">
                <When at={c.lastTokenAt} none="Never" />
              </Td>
              <Td className="whitespace-nowrap">
                <When at={c.lastUsedAt} none="Not in 90 days" />
              </Td>
              <Td>
                <HealthBadge status={c.health} />
              </Td>
              <Td className="whitespace-nowrap">
                {c.lastChange.by ?? <span className="text-muted">A former member</span>}
                <div className="text-xs text-muted">
                  <When at={c.lastChange.at} none="" />
                </div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
