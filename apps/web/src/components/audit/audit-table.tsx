import Link from "next/link";
import type { RouterOutputs } from "~/lib/trpc.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import { actionVerb, outcomeWord, showsTarget } from "./audit-sentence.ts";

type AuditEvent = RouterOutputs["audit"]["list"]["events"][number];

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Where a target's page is, when it has one and still exists. */
function targetHref(teamId: string, event: AuditEvent): string | null {
  const { target, targetType, targetId } = event;
  if (!targetId || !target.name) return null;
  if (targetType === "profile" && target.appId) {
    return `/t/${teamId}/apps/${target.appId}/profiles/${targetId}`;
  }
  if (targetType === "app" && target.appId) return `/t/${teamId}/apps/${target.appId}/profiles`;
  if (targetType === "apiKey") return `/t/${teamId}/api-keys`;
  if (targetType === "member") return `/t/${teamId}/members`;
  return null;
}

export function AuditTable({
  teamId,
  events,
  names,
}: {
  teamId: string;
  events: AuditEvent[];
  /** Member names by user id, so a member target reads as a person rather than an id. */
  names: Map<string, string>;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Event</Th>
          <Th>Action</Th>
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
              <EventSentence teamId={teamId} event={event} names={names} />
              {event.actor.email && <div className="text-xs text-muted">{event.actor.email}</div>}
            </Td>
            <Td>
              <code className="font-mono text-xs text-muted">{event.action}</code>
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

/** "Dana tested Orders API: failed", the target a link to its page while it exists. */
function EventSentence({
  teamId,
  event,
  names,
}: {
  teamId: string;
  event: AuditEvent;
  names: Map<string, string>;
}) {
  const href = targetHref(teamId, event);
  const name =
    event.target.name ??
    (event.targetId &&
      (names.get(event.targetId) ?? `${event.targetType} ${event.targetId.slice(0, 8)}…`));
  const outcome = outcomeWord(event.target.outcome);
  return (
    <p>
      <span className="font-medium">{event.actor.name}</span> {actionVerb(event.action)}
      {showsTarget(event.action) && name && (
        <>
          {" "}
          {href ? (
            <Link href={href} className="font-medium underline underline-offset-2">
              {name}
            </Link>
          ) : (
            <span title={event.targetId ?? undefined}>{name}</span>
          )}
        </>
      )}
      {outcome && `: ${outcome}`}
    </p>
  );
}
