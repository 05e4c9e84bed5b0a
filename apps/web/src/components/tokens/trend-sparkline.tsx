import { memo } from "react";
import type { RunView } from "./dashboard-types.ts";
import { summarizeHistory } from "./history-summary.ts";
import { sparkline } from "./sparkline.ts";

const SIZE = { width: 96, height: 24 };

/**
 * A profile's recent requests in a row of the Tokens page: an inline drawing, so a hundred rows
 * cost no chart library. Failures are red ticks below the line, a shape as well as a colour.
 */
export const TrendSparkline = memo(function TrendSparkline({ history }: { history: RunView[] }) {
  if (history.length === 0) return <span className="text-xs text-muted">No requests yet</span>;
  const trend = sparkline(history, SIZE);
  return (
    <svg
      role="img"
      aria-label={summarizeHistory(history)}
      viewBox={`-2 -2 ${SIZE.width + 4} ${SIZE.height + 8}`}
      width={SIZE.width + 4}
      height={SIZE.height + 8}
      className="block overflow-visible text-sky-600 dark:text-sky-400"
    >
      <title>{`${summarizeHistory(history)}; scale 0 to ${trend.top} ms`}</title>
      <line
        x1={0}
        x2={SIZE.width}
        y1={SIZE.height}
        y2={SIZE.height}
        className="stroke-zinc-300 dark:stroke-zinc-700"
        strokeWidth={1}
      />
      {trend.line && (
        <path
          d={trend.line}
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          strokeLinejoin="round"
        />
      )}
      {trend.last && <circle cx={trend.last.x} cy={trend.last.y} r={2} fill="currentColor" />}
      {trend.failures.map((x, index) => (
        <line
          // Positions repeat only when requests do; the index keeps keys apart.
          key={`${x}-${index}`}
          x1={x}
          x2={x}
          y1={SIZE.height + 1}
          y2={SIZE.height + 5}
          className="stroke-red-600 dark:stroke-red-400"
          strokeWidth={2}
        />
      ))}
    </svg>
  );
});
