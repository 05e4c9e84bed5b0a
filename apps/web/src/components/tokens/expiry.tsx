import { formatExact } from "~/lib/format.ts";
import { formatSpan } from "./time-span.ts";

/** "expires in 4 min 12 s" or "expired 3 s ago", counted down on the page's clock. */
export function Expiry({ at, now }: { at: Date | null; now: number }) {
  if (!at) return <span className="text-muted">No token yet</span>;
  const left = at.getTime() - now;
  return (
    <time dateTime={at.toISOString()} title={formatExact(at)} data-countdown>
      {left > 0 ? `expires in ${formatSpan(left)}` : `expired ${formatSpan(left)} ago`}
    </time>
  );
}
