"use client";
import { Ban, CircleCheck } from "lucide-react";
import { formatCount } from "~/lib/format.ts";
import type { RouterOutputs } from "~/lib/trpc.tsx";
import { cn } from "~/lib/utils.ts";
import { RelativeTime } from "../ui/relative-time.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { RevokeApiKeyButton } from "./revoke-api-key-button.tsx";

type ApiKey = RouterOutputs["apiKey"]["list"][number];

export function ApiKeysTable({ teamId, keys }: { teamId: string; keys: ApiKey[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Apps</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>
            Calls <span className="font-normal">(24 h)</span>
          </Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <Tr key={key.id} className={cn(key.revokedAt && "text-muted")}>
            <Td className="font-medium">{key.name}</Td>
            <Td>
              <code className="font-mono text-xs">{key.prefix}…</code>
            </Td>
            <Td>{key.apps.map((app) => app.name).join(", ")}</Td>
            <Td className="whitespace-nowrap">
              <RelativeTime at={key.createdAt} />
            </Td>
            <Td className="whitespace-nowrap">
              {key.lastUsedAt ? <RelativeTime at={key.lastUsedAt} /> : "Never"}
            </Td>
            <Td className="tabular-nums">{formatCount(key.callsLast24h)}</Td>
            <Td className="whitespace-nowrap">
              {key.revokedAt ? (
                <span className="inline-flex items-center gap-1">
                  <Ban className="size-4" aria-hidden />
                  Revoked <RelativeTime at={key.revokedAt} />
                </span>
              ) : (
                <span className="inline-flex items-center gap-1">
                  <CircleCheck
                    className="size-4 text-emerald-600 dark:text-emerald-400"
                    aria-hidden
                  />
                  Active
                </span>
              )}
            </Td>
            <Td className="text-right">
              {!key.revokedAt && <RevokeApiKeyButton teamId={teamId} apiKey={key} />}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
