import { latencyRange } from "./charts/chart-axes.ts";
import type { RunView as Run } from "./dashboard-types.ts";

export type Sparkline = {
  /** SVG path of the latency line, one point per timed request; empty with none. */
  line: string;
  /** The latest timed request, drawn as a dot: a line of one point would show nothing. */
  last: { x: number; y: number } | null;
  /** Where failed requests sit along the bottom, as x positions. */
  failures: number[];
  /** The latency the top edge stands for, in ms: the bottom edge is always 0. */
  top: number;
};

/**
 * A row's trend: recent requests evenly spaced from left to right, latency upwards from 0 on
 * the same round scale as the profile's latency chart, failures marked along the bottom.
 */
export function sparkline(history: Run[], size: { width: number; height: number }): Sparkline {
  const durations = history.flatMap((run) => (run.durationMs === null ? [] : [run.durationMs]));
  const [, top] = latencyRange(null, durations.length > 0 ? Math.max(...durations) : null);
  const step = history.length > 1 ? size.width / (history.length - 1) : 0;
  const xOf = (index: number) => round(history.length > 1 ? index * step : size.width / 2);
  const points = history.flatMap((run, index) =>
    run.durationMs === null
      ? []
      : [{ x: xOf(index), y: round(size.height - (run.durationMs / top) * size.height) }],
  );
  return {
    line: points.length > 0 ? `M${points.map((p) => `${p.x},${p.y}`).join("L")}` : "",
    last: points.at(-1) ?? null,
    failures: history.flatMap((run, index) => (run.status === "succeeded" ? [] : [xOf(index)])),
    top,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
