"use client";
import { useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { messageOf } from "~/lib/errors.ts";
import { formatCount } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { PageHeader } from "../ui/page-header.tsx";
import { Alert, EmptyState, ErrorState, ListSkeleton } from "../ui/states.tsx";
import { CredentialsTable } from "./credentials-table.tsx";

export function CredentialsPage() {
  const team = useTeam();
  return (
    <>
      <PageHeader
        title="Credentials"
        description="Every profile of the team with its client secret, certificate or key: what expires, fails or lies unused comes first."
      />
      <CredentialList teamId={team.id} />
    </>
  );
}

function CredentialList({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.credential.list.queryOptions({ teamId }));
  if (list.isPending) return <ListSkeleton label="Loading credentials" />;
  if (list.isError)
    return (
      <ErrorState
        title="Credentials could not be loaded"
        message={messageOf(list.error)}
        onRetry={() => list.refetch()}
        retrying={list.isRefetching}
      />
    );
  const { credentials, total, cap } = list.data;
  if (credentials.length === 0)
    return (
      <EmptyState icon={<KeyRound />} title="No profiles yet">
        Profiles created in the team's apps are listed here with their expiries and use.
      </EmptyState>
    );
  return (
    <div className="grid gap-4">
      {total > cap && (
        <Alert>
          Showing {formatCount(cap)} of {formatCount(total)} profiles: those whose client secrets
          expire soonest.
        </Alert>
      )}
      <CredentialsTable teamId={teamId} credentials={credentials} />
    </div>
  );
}
