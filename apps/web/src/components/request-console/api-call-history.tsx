"use client";
import type { ApiCallSummary } from "@authdeck/core/client";
import { Button } from "../ui/button.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";

const outcome = (call: ApiCallSummary) =>
  call.status === "answered"
    ? `HTTP ${call.httpStatus}`
    : call.status === "failed"
      ? "Failed"
      : call.status === "queued"
        ? "Queued"
        : "Sending";

/** A profile's latest console requests, newest first, with who sent each; one can be opened. */
export function ApiCallHistory({
  calls,
  shownId,
  onShow,
}: {
  calls: ApiCallSummary[];
  shownId: string | null;
  onShow: (id: string) => void;
}) {
  if (calls.length === 0) return <p className="text-sm text-muted">No requests yet.</p>;
  return (
    <div className="overflow-x-auto">
      <Table aria-label="Request history">
        <thead>
          <tr>
            <Th>Sent</Th>
            <Th>Request</Th>
            <Th>Result</Th>
            <Th>Time</Th>
            <Th>By</Th>
            <Th>
              <span className="sr-only">Show</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <Tr key={call.id} aria-current={call.id === shownId ? "true" : undefined}>
              <Td>
                <RelativeTime at={call.queuedAt} />
              </Td>
              <Td className="font-mono text-xs break-all">
                {call.method} {call.path}
                {call.tenant && <span className="text-muted"> (tenant {call.tenant})</span>}
              </Td>
              <Td>{outcome(call)}</Td>
              <Td>{call.durationMs === null ? "—" : `${call.durationMs} ms`}</Td>
              <Td>{call.requestedBy ?? "—"}</Td>
              <Td>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onShow(call.id)}
                  disabled={call.id === shownId}
                  aria-label={`Show ${call.method} ${call.path}`}
                >
                  {call.id === shownId ? "Shown" : "Show"}
                </Button>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
