"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { type ReactNode, useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { Button } from "../ui/button.tsx";
import { PageHeader } from "../ui/page-header.tsx";
import { EmptyState, ErrorState, ListSkeleton } from "../ui/states.tsx";
import { AuditFilters, type AuditFilterValues, NO_FILTERS } from "./audit-filters.tsx";
import { AuditTable } from "./audit-table.tsx";

// Date inputs give calendar days; the range covers them whole, in the viewer's time zone.
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`) : undefined);
const dayEnd = (day: string) => (day ? new Date(`${day}T23:59:59.999`) : undefined);

export function AuditLog() {
  const team = useTeam();
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who changed what in ${team.name}, newest first.`}
      />
      {team.can("audit.read") ? (
        <AuditEvents teamId={team.id} />
      ) : (
        <EmptyState
          icon={<ScrollText />}
          title="Only admins and the owner can read the audit log"
        />
      )}
    </>
  );
}

function AuditEvents({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const options = useQuery(trpc.audit.filterOptions.queryOptions({ teamId }));
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      {
        teamId,
        actorUserId: filters.actorUserId || undefined,
        action: filters.action || undefined,
        from: dayStart(filters.from),
        to: dayEnd(filters.to),
      },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const names = new Map(options.data?.actors.map((actor) => [actor.id, actor.name]));

  let body: ReactNode;
  if (events.isPending) {
    body = <ListSkeleton rows={5} label="Loading events" />;
  } else if (events.isError) {
    body = (
      <ErrorState
        title="Events could not be loaded"
        message={messageOf(events.error)}
        onRetry={() => events.refetch()}
        retrying={events.isRefetching}
      />
    );
  } else {
    const rows = events.data.pages.flatMap((page) => page.events);
    body =
      rows.length === 0 ? (
        Object.values(filters).some(Boolean) ? (
          <EmptyState icon={<ScrollText />} title="No events match these filters">
            Widen the dates or choose another actor or action.
          </EmptyState>
        ) : (
          <EmptyState icon={<ScrollText />} title="No events yet">
            Changes to apps, members and invitations will be listed here.
          </EmptyState>
        )
      ) : (
        <>
          <AuditTable teamId={teamId} events={rows} names={names} />
          {events.hasNextPage && (
            <div className="mt-4 flex justify-center">
              <Button
                variant="secondary"
                pending={events.isFetchingNextPage}
                onClick={() => events.fetchNextPage()}
              >
                Load more
              </Button>
            </div>
          )}
        </>
      );
  }

  return (
    <>
      <AuditFilters
        value={filters}
        onChange={setFilters}
        actors={options.data?.actors ?? []}
        actions={options.data?.actions ?? []}
      />
      {options.isError && (
        <p className="mb-4 text-sm text-red-600 dark:text-red-400">
          The filter choices could not be loaded: {messageOf(options.error)}
        </p>
      )}
      {body}
    </>
  );
}
