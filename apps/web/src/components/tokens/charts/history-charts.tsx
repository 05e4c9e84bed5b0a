"use client";
import { useCallback, useMemo } from "react";
import uPlot from "uplot";
import { useIsDark } from "../../theme/use-theme.ts";
import type { RunView as Run } from "../dashboard-types.ts";
import { describeRun, TRIGGERS } from "../history-summary.ts";
import { latencyRange, timeRange } from "./chart-axes.ts";
import { ChartKey } from "./chart-key.tsx";
import { HISTORY_CHART_PX } from "./chart-sizes.ts";
import { axisStyle, type ChartColors, chartColors, timeAxis } from "./chart-theme.ts";
import { UplotChart } from "./uplot-chart.tsx";

type Trigger = (typeof TRIGGERS)[number]["key"];

/** Latency and outcome of a profile's recent token requests, tests and refreshes apart. */
export default function HistoryCharts({
  history,
  profileName,
}: {
  history: Run[];
  profileName: string;
}) {
  const dark = useIsDark();
  const colors = useMemo(() => chartColors(dark), [dark]);
  const options = useMemo(() => chartOptions(colors), [colors]);
  const data = useMemo(() => chartData(history), [history]);
  const describe = useCallback(
    (index: number) => (history[index] ? describeRun(history[index]) : ""),
    [history],
  );
  const present = TRIGGERS.filter((t) => history.some((run) => run.trigger === t.key));

  return (
    <div className="grid gap-3">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <figure className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-1">
          <figcaption className="text-xs font-medium text-muted">Latency (ms)</figcaption>
          <UplotChart
            options={options.latency}
            data={data.latency}
            height={HISTORY_CHART_PX}
            label={`Latency of the recent token requests of ${profileName}`}
            describe={describe}
          />
        </figure>
        <figure className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-1">
          <figcaption className="text-xs font-medium text-muted">
            Outcome: up succeeded, down failed
          </figcaption>
          <UplotChart
            options={options.outcome}
            data={data.outcome}
            height={HISTORY_CHART_PX}
            label={`Outcome of the recent token requests of ${profileName}`}
            describe={describe}
          />
        </figure>
      </div>
      <ChartKey items={present.map((t) => ({ label: t.label, swatch: swatch(t.key, colors) }))} />
    </div>
  );
}

function chartData(history: Run[]) {
  const xs = history.map((run) => run.at.getTime() / 1000);
  const by = (trigger: Trigger, value: (run: Run) => number | null) =>
    history.map((run) => (run.trigger === trigger ? value(run) : null));
  return {
    latency: [xs, ...TRIGGERS.map((t) => by(t.key, (run) => run.durationMs))] as uPlot.AlignedData,
    outcome: [
      xs,
      ...TRIGGERS.map((t) => by(t.key, (run) => (run.status === "succeeded" ? 1 : -1))),
    ] as uPlot.AlignedData,
  };
}

// Tests are hollow, refreshes solid: the shape tells them apart, the colour only helps.
const fillOf = (trigger: Trigger, colors: ChartColors) =>
  trigger === "test" ? colors.background : colors[trigger];

function swatch(trigger: Trigger, colors: ChartColors) {
  return (
    <circle
      cx="8"
      cy="8"
      r="5"
      fill={fillOf(trigger, colors)}
      stroke={colors[trigger]}
      strokeWidth="2"
    />
  );
}

function chartOptions(colors: ChartColors) {
  const base = {
    legend: { show: false },
    cursor: { y: false, points: { size: 6 } },
    scales: {
      x: {
        time: true,
        // From the requests themselves: for a single one uPlot hands over a day's span already.
        range: (u: uPlot, min: number, max: number): uPlot.Range.MinMax => {
          const xs = u.data[0];
          const [first, last] = [xs[0], xs[xs.length - 1]];
          return first === undefined || last === undefined ? [min, max] : timeRange(first, last);
        },
      },
    },
  };
  const bars = uPlot.paths.bars?.({ size: [0.6, 8, 2], align: 0 });
  const latency: Omit<uPlot.Options, "width" | "height"> = {
    ...base,
    scales: { ...base.scales, y: { range: (_u, min, max) => latencyRange(min, max) } },
    axes: [timeAxis(colors), { ...axisStyle(colors), size: 44 }],
    series: [
      {},
      ...TRIGGERS.map((t) => ({
        label: t.label,
        stroke: colors[t.key],
        width: 1,
        spanGaps: true,
        points: { show: true, size: 7, width: 2, fill: fillOf(t.key, colors) },
      })),
    ],
  };
  const outcome: Omit<uPlot.Options, "width" | "height"> = {
    ...base,
    scales: { ...base.scales, y: { auto: false, range: [-1.3, 1.3] } },
    axes: [
      timeAxis(colors),
      {
        ...axisStyle(colors),
        size: 44,
        splits: () => [-1, 0, 1],
        values: (_, splits) => splits.map((v) => (v > 0 ? "ok" : v < 0 ? "failed" : "")),
      },
    ],
    series: [
      {},
      ...TRIGGERS.map((t) => ({
        label: t.label,
        stroke: colors[t.key],
        fill: fillOf(t.key, colors),
        width: 1.5,
        paths: bars,
        points: { show: false },
      })),
    ],
  };
  return { latency, outcome };
}
