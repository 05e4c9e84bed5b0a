"use client";
import { type RefObject, useMemo, useRef } from "react";
import uPlot from "uplot";
import { useIsDark } from "../../theme/use-theme.ts";
import { timelineHeight } from "./chart-sizes.ts";
import { axisStyle, type ChartColors, chartColors, timeAxis } from "./chart-theme.ts";
import type { TimelineRow } from "./timeline-rows.ts";
import { UplotChart } from "./uplot-chart.tsx";

type Current = { rows: TimelineRow[]; now: number };

const MIN_SPAN_MS = 60_000;

/** From a little before now to a little after the last expiry or refresh, at least a minute. */
function visibleRange(rows: TimelineRow[], now: number): [number, number] {
  const ends = rows.flatMap((r) => [r.expiresAt, r.nextRefreshAt]).filter((d) => d !== null);
  const last = Math.max(now + MIN_SPAN_MS, ...ends.map((d) => d.getTime()));
  const span = last - now;
  return [(now - span * 0.1) / 1000, (last + span * 0.05) / 1000];
}

/** The chart of `TimelineFigure`: each token's validity, next refresh and expiry, and "now". */
export default function TimelinePlot({ rows, now }: Current) {
  const current = useRef<Current>({ rows, now });
  current.current = { rows, now };
  const labels = rows.map((r) => r.label).join("\n");
  const count = rows.length;
  // Rebuilt only when the rows themselves change; the drawing reads the latest times.
  const dark = useIsDark();
  const colors = useMemo(() => chartColors(dark), [dark]);
  const options = useMemo(() => timelineOptions(current, colors), [labels, count, colors]);
  const [from, to] = visibleRange(rows, now);
  const data = useMemo<uPlot.AlignedData>(
    () => [
      [from, to],
      [null, null],
    ],
    [from, to],
  );

  return (
    <UplotChart
      options={options}
      data={data}
      height={timelineHeight(count)}
      label="Timeline of each token's validity, next refresh and expiry"
    />
  );
}

function timelineOptions(
  current: RefObject<Current>,
  colors: ChartColors,
): Omit<uPlot.Options, "width" | "height"> {
  const count = current.current.rows.length;
  // Row 0 at the top.
  const yOf = (index: number) => count - 1 - index;
  return {
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: true }, y: { auto: false, range: [-0.5, count - 0.5] } },
    axes: [
      timeAxis(colors),
      {
        ...axisStyle(colors),
        size: 150,
        grid: { show: false },
        splits: () => Array.from({ length: count }, (_, i) => i),
        values: (_, splits) =>
          splits.map((v) => truncate(current.current.rows[yOf(v)]?.label ?? "", 22)),
      },
    ],
    series: [{}, { paths: () => null, points: { show: false } }],
    hooks: {
      draw: [(u) => drawTimeline(u, current.current, colors, yOf)],
    },
  };
}

function drawTimeline(
  u: uPlot,
  { rows, now }: Current,
  colors: ChartColors,
  yOf: (index: number) => number,
) {
  const px = uPlot.pxRatio;
  const ctx = u.ctx;
  const x = (date: Date) => u.valToPos(date.getTime() / 1000, "x", true);
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  rows.forEach((row, index) => {
    const y = u.valToPos(yOf(index), "y", true);
    if (row.obtainedAt && row.expiresAt) {
      ctx.fillStyle = colors.valid;
      const left = x(row.obtainedAt);
      ctx.fillRect(left, y - 5 * px, x(row.expiresAt) - left, 10 * px);
    }
    if (row.expiresAt) {
      ctx.fillStyle = colors.expiry;
      ctx.fillRect(x(row.expiresAt) - 1.5 * px, y - 10 * px, 3 * px, 20 * px);
    }
    if (row.nextRefreshAt) {
      const cx = x(row.nextRefreshAt);
      const r = 7 * px;
      ctx.beginPath();
      ctx.moveTo(cx, y - r);
      ctx.lineTo(cx + r, y);
      ctx.lineTo(cx, y + r);
      ctx.lineTo(cx - r, y);
      ctx.closePath();
      ctx.fillStyle = colors.refresh;
      ctx.fill();
      ctx.lineWidth = px;
      ctx.strokeStyle = colors.background;
      ctx.stroke();
    }
  });
  const nowX = u.valToPos(now / 1000, "x", true);
  ctx.beginPath();
  ctx.setLineDash([4 * px, 3 * px]);
  ctx.lineWidth = px;
  ctx.strokeStyle = colors.now;
  ctx.moveTo(nowX, u.bbox.top);
  ctx.lineTo(nowX, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.restore();
}

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
