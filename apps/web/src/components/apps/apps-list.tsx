"use client";
import { useQuery } from "@tanstack/react-query";
import { Boxes } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { PageHeader } from "../ui/page-header.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { EmptyState, ErrorState, ListSkeleton } from "../ui/states.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { CreateAppDialog } from "./create-app-dialog.tsx";
import { FirstRunGuide } from "./first-run-guide.tsx";

export function AppsList() {
  const trpc = useTRPC();
  const team = useTeam();
  const apps = useQuery(trpc.app.list.queryOptions({ teamId: team.id }));
  const canCreate = team.can("app.create");

  let body: ReactNode;
  if (apps.isPending) {
    body = <ListSkeleton label="Loading apps" />;
  } else if (apps.isError) {
    body = (
      <ErrorState
        title="Apps could not be loaded"
        message={messageOf(apps.error)}
        onRetry={() => apps.refetch()}
        retrying={apps.isRefetching}
      />
    );
  } else if (apps.data.length === 0) {
    body = (
      <EmptyState icon={<Boxes />} title="No apps yet">
        {canCreate
          ? "An app groups the authorization profiles one of your services uses. Press New app to create the first one."
          : "An admin or the owner of this team creates apps; they will show up here."}
      </EmptyState>
    );
  } else {
    body = (
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Authorization profiles</Th>
            <Th>Created</Th>
          </tr>
        </thead>
        <tbody>
          {apps.data.map((app) => (
            <Tr key={app.id}>
              <Td>
                <Link
                  href={`/t/${team.id}/apps/${app.id}/profiles`}
                  className="font-medium hover:underline"
                >
                  {app.name}
                </Link>
              </Td>
              <Td className="tabular-nums">{app.profileCount}</Td>
              <Td className="text-zinc-600 dark:text-zinc-400">
                <RelativeTime at={app.createdAt} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    );
  }

  return (
    <>
      <PageHeader
        title="Apps"
        description={`Each app of ${team.name} holds the authorization profiles of one service.`}
        actions={canCreate && <CreateAppDialog teamId={team.id} />}
      />
      {canCreate && apps.data && <FirstRunGuide teamId={team.id} apps={apps.data} />}
      {body}
    </>
  );
}
