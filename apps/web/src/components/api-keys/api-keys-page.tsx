"use client";
import { useQuery } from "@tanstack/react-query";
import { KeySquare } from "lucide-react";
import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { PageHeader } from "../ui/page-header.tsx";
import { EmptyState, ErrorState, ListSkeleton } from "../ui/states.tsx";
import { ApiKeysTable } from "./api-keys-table.tsx";
import { CreateApiKeyDialog } from "./create-api-key-dialog.tsx";

export function ApiKeysPage() {
  const team = useTeam();
  const canManage = team.can("apiKey.manage");
  // Set by the links that lead here from an app ("Create an API key" on its Tokens page).
  const fromAppId = useSearchParams().get("app") ?? undefined;
  return (
    <>
      <PageHeader
        title="API keys"
        description="Services send an API key to fetch tokens from the token API; each key reads only the apps chosen for it."
        actions={canManage && <CreateApiKeyDialog teamId={team.id} fromAppId={fromAppId} />}
      />
      {canManage ? (
        <ApiKeyList teamId={team.id} />
      ) : (
        <EmptyState icon={<KeySquare />} title="Only admins and the owner can manage API keys" />
      )}
    </>
  );
}

function ApiKeyList({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKey.list.queryOptions({ teamId }));
  let body: ReactNode;
  if (keys.isPending) {
    body = <ListSkeleton label="Loading API keys" />;
  } else if (keys.isError) {
    body = (
      <ErrorState
        title="API keys could not be loaded"
        message={messageOf(keys.error)}
        onRetry={() => keys.refetch()}
        retrying={keys.isRefetching}
      />
    );
  } else if (keys.data.length === 0) {
    body = (
      <EmptyState icon={<KeySquare />} title="No API keys yet">
        Create one for each service that fetches tokens, so a leaked key can be revoked alone.
      </EmptyState>
    );
  } else {
    body = <ApiKeysTable teamId={teamId} keys={keys.data} />;
  }
  return body;
}
