"use client";
import { Ban, CircleCheck } from "lucide-react";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import { formatRelative, useNow } from "~/lib/time.ts";
import type { RouterOutputs } from "~/lib/trpc.tsx";
import { cn } from "~/lib/utils.ts";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { RevokeApiKeyButton } from "./revoke-api-key-button.tsx";

type ApiKey = RouterOutputs["apiKey"]["list"][number];

export function ApiKeysTable({ teamId, keys }: { teamId: string; keys: ApiKey[] }) {
  const now = useNow(30_000);
  return (
    <Table>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Apps</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
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
              <time dateTime={key.createdAt.toISOString()} title={formatDateTime(key.createdAt)}>
                {formatDate(key.createdAt)}
              </time>
            </Td>
            <Td className="whitespace-nowrap">
              {key.lastUsedAt ? (
                <time
                  dateTime={key.lastUsedAt.toISOString()}
                  title={formatDateTime(key.lastUsedAt)}
                >
                  {formatRelative(key.lastUsedAt, now)}
                </time>
              ) : (
                "Never"
              )}
            </Td>
            <Td className="whitespace-nowrap">
              {key.revokedAt ? (
                <span className="inline-flex items-center gap-1">
                  <Ban className="size-4" aria-hidden />
                  Revoked{" "}
                  <time
                    dateTime={key.revokedAt.toISOString()}
                    title={formatDateTime(key.revokedAt)}
                  >
                    {formatDate(key.revokedAt)}
                  </time>
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
