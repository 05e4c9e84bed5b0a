import { RelativeTime } from "../ui/relative-time.tsx";
import { Table, Td, Th, Tr } from "../ui/table.tsx";
import type { HealthCheckView } from "./health-check-panel.tsx";

/** The latest results, newest first; a failure unfolds to the API's answer (masked). */
export function HealthResults({ results }: { results: HealthCheckView["results"] }) {
  if (results.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <Table aria-label="Health check results">
        <thead>
          <tr>
            <Th>Checked</Th>
            <Th>Result</Th>
            <Th>Status</Th>
            <Th>Time</Th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <Tr key={r.id}>
              <Td>
                <RelativeTime at={r.checkedAt} />
              </Td>
              <Td>
                {r.healthy ? (
                  "Healthy"
                ) : (
                  <details>
                    <summary className="cursor-pointer">Failing: {r.errorMessage}</summary>
                    {r.responseHeaders && (
                      <pre className="mt-2 max-h-40 overflow-auto text-xs">
                        {Object.entries(r.responseHeaders)
                          .map(([name, value]) => `${name}: ${value}`)
                          .join("\n")}
                      </pre>
                    )}
                    {r.responseBody && (
                      <pre className="mt-2 max-h-60 overflow-auto text-xs whitespace-pre-wrap">
                        {r.responseBody}
                      </pre>
                    )}
                  </details>
                )}
              </Td>
              <Td>{r.httpStatus ?? "—"}</Td>
              <Td>{r.durationMs} ms</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
