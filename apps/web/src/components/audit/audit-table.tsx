import type { RouterOutputs } from "~/lib/trpc.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";

type AuditEvent = RouterOutputs["audit"]["list"]["events"][number];

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export function AuditTable({
  events,
  names,
}: {
  events: AuditEvent[];
  /** Member names by user id, so a member target reads as a person rather than an id. */
  names: Map<string, string>;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Changes</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <Tr key={event.id}>
            <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
              <RelativeTime at={event.at} />
            </Td>
            <Td>
              <div className="font-medium">{event.actor.name}</div>
              {event.actor.email && <div className="text-xs text-muted">{event.actor.email}</div>}
            </Td>
            <Td>
              <code className="font-mono text-xs">{event.action}</code>
            </Td>
            <Td>
              <span className="text-muted">{event.targetType}</span>{" "}
              {event.targetId && (
                <span title={event.targetId}>
                  {names.get(event.targetId) ?? `${event.targetId.slice(0, 8)}…`}
                </span>
              )}
            </Td>
            <Td>
              <dl className="grid gap-0.5 text-xs">
                {Object.entries(event.changes).map(([key, value]) => (
                  <div key={key} className="flex gap-1">
                    <dt className="text-muted">{key}:</dt>
                    <dd className="font-mono break-all">{show(value)}</dd>
                  </div>
                ))}
              </dl>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
