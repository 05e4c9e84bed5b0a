"use client";
import type { ChannelKindName } from "@authdeck/core/client";
import { useQuery } from "@tanstack/react-query";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { ErrorState, ListSkeleton } from "../ui/states.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";

const STATUS_WORDS = { pending: "Waiting", delivered: "Delivered", failed: "Failed" } as const;

type Props = { teamId: string; channelId: string; kind: ChannelKindName };

/** A channel's newest deliveries; refetched every few seconds while something is waiting. */
export function DeliveryLog({ teamId, channelId, kind }: Props) {
  // An email delivery's code is the SMTP server's reply, the others' an HTTP status.
  const protocol = kind === "email" ? "SMTP" : "HTTP";
  const trpc = useTRPC();
  const log = useQuery({
    ...trpc.notification.deliveries.queryOptions({ teamId, channelId, limit: 50 }),
    refetchInterval: (query) =>
      query.state.data?.some((d) => d.status === "pending") ? 2_000 : false,
  });
  if (log.isPending) return <ListSkeleton label="Loading the delivery log" />;
  if (log.isError)
    return (
      <ErrorState
        title="The delivery log could not be loaded"
        message={messageOf(log.error)}
        onRetry={() => log.refetch()}
        retrying={log.isRefetching}
      />
    );
  if (log.data.length === 0) return <p className="text-sm text-muted">Nothing sent yet.</p>;
  return (
    <Table>
      <caption className="sr-only">Delivery log</caption>
      <thead>
        <tr>
          <Th>Event</Th>
          <Th>Status</Th>
          <Th>Answer</Th>
          <Th>Time taken</Th>
          <Th>Attempts</Th>
          <Th>Queued</Th>
        </tr>
      </thead>
      <tbody>
        {log.data.map((d) => (
          <Tr key={d.id}>
            <Td className="font-mono text-xs">{d.event}</Td>
            <Td>{STATUS_WORDS[d.status]}</Td>
            <Td className="max-w-72 text-sm">
              {d.httpStatus !== null ? `${protocol} ${d.httpStatus}` : ""}
              {d.error ? <span className="block text-muted">{d.error}</span> : null}
              {d.responseExcerpt ? (
                <span className="block truncate font-mono text-xs text-muted">
                  {d.responseExcerpt}
                </span>
              ) : null}
            </Td>
            <Td className="tabular-nums">{d.latencyMs !== null ? `${d.latencyMs} ms` : "–"}</Td>
            <Td className="tabular-nums">{d.attempts}</Td>
            <Td className="whitespace-nowrap">
              <RelativeTime at={d.createdAt} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
