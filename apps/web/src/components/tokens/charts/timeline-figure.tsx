"use client";
import { useMemo, useState } from "react";
import { useIsDark } from "../../theme/use-theme.ts";
import { Button } from "../../ui/button.tsx";
import { formatClock } from "../time-span.ts";
import { ChartKey } from "./chart-key.tsx";
import { timelineHeight } from "./chart-sizes.ts";
import { chartColors } from "./chart-theme.ts";
import { TimelinePlot } from "./lazy.tsx";
import { bySoonest, type TimelineRow } from "./timeline-rows.ts";

/** How many tokens the timeline shows until "Show all" is pressed. */
export const TIMELINE_FIRST = 10;

/**
 * Upcoming expiries and refreshes of the app's tokens, one row each, with a "now" line: the
 * next few first, all of them on request in a box that scrolls. The key and the room for the
 * chart are drawn at once; only the chart waits for uPlot.
 */
export function TimelineFigure({ rows, now }: { rows: TimelineRow[]; now: number }) {
  const dark = useIsDark();
  const colors = useMemo(() => chartColors(dark), [dark]);
  const [all, setAll] = useState(false);
  const ordered = bySoonest(rows, now);
  const shown = all ? ordered : ordered.slice(0, TIMELINE_FIRST);
  return (
    <figure className="grid gap-2">
      {/* Focusable when it scrolls, so the keyboard can scroll it too. */}
      <div
        {...(all && {
          className: "max-h-[28rem] overflow-y-auto",
          tabIndex: 0,
          role: "group",
          "aria-label": `Timeline of all ${rows.length} tokens`,
        })}
      >
        <div style={{ height: timelineHeight(shown.length) }}>
          <TimelinePlot rows={shown} now={now} />
        </div>
      </div>
      <figcaption className="flex flex-wrap items-center justify-between gap-2">
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
        {rows.length > TIMELINE_FIRST && (
          <span className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            {all
              ? `All ${rows.length} tokens`
              : `The next ${TIMELINE_FIRST} of ${rows.length} tokens`}
            <Button variant="secondary" size="sm" onClick={() => setAll(!all)}>
              {all ? `Show the next ${TIMELINE_FIRST}` : "Show all"}
            </Button>
          </span>
        )}
        <ul className="sr-only">
          {shown.map((row) => (
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
