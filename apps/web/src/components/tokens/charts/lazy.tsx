"use client";
import dynamic from "next/dynamic";
import { Skeleton } from "../../ui/states.tsx";
import { HISTORY_CHART_PX } from "./chart-sizes.ts";

// uPlot is loaded with the first chart, only on the pages that draw one, and never on the server.
// Each placeholder takes the room its chart will take, so the page does not move when it loads.

export const TimelinePlot = dynamic(() => import("./timeline-chart.tsx"), {
  ssr: false,
  loading: () => <Skeleton className="h-full w-full" />,
});

export const HistoryCharts = dynamic(() => import("./history-charts.tsx"), {
  ssr: false,
  loading: HistoryChartsPlaceholder,
});

/** The layout of `HistoryCharts`: two captioned charts (stacked on phones) and their key. */
function HistoryChartsPlaceholder() {
  return (
    <div className="grid gap-3">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        {["latency", "outcome"].map((chart) => (
          <div key={chart} className="grid gap-1">
            <Skeleton className="h-4 w-32" />
            <div style={{ height: HISTORY_CHART_PX }}>
              <Skeleton className="h-full w-full" />
            </div>
          </div>
        ))}
      </div>
      <Skeleton className="h-4 w-40" />
    </div>
  );
}
