"use client";
import { useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import { messageOf } from "~/lib/errors.ts";
import { formatDuration } from "~/lib/time.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { cn } from "~/lib/utils.ts";
import { Button } from "../ui/button.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { EmptyState, ErrorState, ListSkeleton } from "../ui/states.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { RunStatusBadge } from "./run-status-badge.tsx";
import { startedBy } from "./started-by.ts";

type Props = {
  teamId: string;
  appId: string;
  profileId: string;
  selectedRunId: string | null;
  onSelect: (runId: string) => void;
};

/** The profile's latest test runs, newest first; one of them is shown above in full. */
export function TestHistory({ teamId, appId, profileId, selectedRunId, onSelect }: Props) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.testRun.list.queryOptions({ teamId, appId, profileId, limit: 20 }));

  if (runs.isPending) return <ListSkeleton label="Loading the test history" />;
  if (runs.isError) {
    return (
      <ErrorState
        title="The test history could not be loaded"
        message={messageOf(runs.error)}
        onRetry={() => runs.refetch()}
        retrying={runs.isRefetching}
      />
    );
  }
  if (runs.data.length === 0) {
    return (
      <EmptyState icon={<History />} title="No tests yet">
        Press Test to send a real token request and see the provider's answer.
      </EmptyState>
    );
  }
  return (
    <Table aria-label="Test history">
      <thead>
        <tr>
          <Th>Status</Th>
          <Th>Duration</Th>
          <Th>Tenant</Th>
          <Th>Started by</Th>
          <Th>When</Th>
          <Th>
            <span className="sr-only">Details</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {runs.data.map((run) => {
          const selected = run.id === selectedRunId;
          return (
            <Tr key={run.id} className={cn(selected && "bg-zinc-50 dark:bg-zinc-800/50")}>
              <Td>
                <RunStatusBadge status={run.status} />
              </Td>
              <Td className="tabular-nums">
                {run.durationMs === null ? "—" : formatDuration(run.durationMs)}
              </Td>
              <Td>{run.tenant ?? "—"}</Td>
              <Td>{startedBy(run)}</Td>
              <Td>
                <RelativeTime at={run.queuedAt} />
              </Td>
              <Td className="text-right">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-pressed={selected}
                  onClick={() => onSelect(run.id)}
                >
                  {selected ? "Shown" : "Show"}
                </Button>
              </Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}
