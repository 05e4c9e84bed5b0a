"use client";
import dynamic from "next/dynamic";
import { Skeleton } from "../../ui/states.tsx";

// uPlot is loaded with the first chart, only on the pages that draw one, and never on the server.
export const TimelineChart = dynamic(() => import("./timeline-chart.tsx"), {
  ssr: false,
  loading: () => <Skeleton className="h-24 w-full" />,
});

export const HistoryCharts = dynamic(() => import("./history-charts.tsx"), {
  ssr: false,
  loading: () => <Skeleton className="h-32 w-full" />,
});
