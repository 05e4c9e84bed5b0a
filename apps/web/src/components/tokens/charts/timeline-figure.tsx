"use client";
import { useMemo } from "react";
import { useIsDark } from "../../theme/use-theme.ts";
import { formatClock } from "../time-span.ts";
import { ChartKey } from "./chart-key.tsx";
import { timelineHeight } from "./chart-sizes.ts";
import { chartColors } from "./chart-theme.ts";
import { TimelinePlot } from "./lazy.tsx";
import type { TimelineRow } from "./timeline-chart.tsx";

/**
 * Upcoming expiries and refreshes of every token of the app, one row each, with a "now" line.
 * The key and the room for the chart are drawn at once; only the chart waits for uPlot.
 */
export function TimelineFigure({ rows, now }: { rows: TimelineRow[]; now: number }) {
  const dark = useIsDark();
  const colors = useMemo(() => chartColors(dark), [dark]);
  return (
    <figure className="grid gap-2">
      <div style={{ height: timelineHeight(rows.length) }}>
        <TimelinePlot rows={rows} now={now} />
      </div>
      <figcaption>
        <ChartKey
          items={[
            {
              label: "Token valid",
              swatch: <rect x="1" y="4" width="14" height="8" fill={colors.valid} />,
            },
            {
              label: "Next refresh",
              swatch: <path d="M8 2 L14 8 L8 14 L2 8 Z" fill={colors.refresh} />,
            },
            {
              label: "Expires",
              swatch: <rect x="6.5" y="1" width="3" height="14" fill={colors.expiry} />,
            },
            {
              label: "Now",
              swatch: (
                <line x1="8" y1="0" x2="8" y2="16" stroke={colors.now} strokeDasharray="3 2" />
              ),
            },
          ]}
        />
        <ul className="sr-only">
          {rows.map((row) => (
            <li key={row.key}>
              {row.label}: {row.expiresAt ? `expires at ${formatClock(row.expiresAt)}` : "no token"}
              {row.nextRefreshAt ? `, next refresh at ${formatClock(row.nextRefreshAt)}` : ""}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
