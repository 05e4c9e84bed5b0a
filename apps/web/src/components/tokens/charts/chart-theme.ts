import type uPlot from "uplot";
import { timeTickLabels } from "./chart-axes.ts";

/** Canvas colours: charts cannot read Tailwind classes, so they take the page's theme here. */
export function chartColors(dark: boolean) {
  return {
    background: dark ? "#18181b" : "#ffffff",
    axis: dark ? "#a1a1aa" : "#52525b",
    grid: dark ? "rgba(161, 161, 170, 0.15)" : "rgba(113, 113, 122, 0.15)",
    now: dark ? "#f4f4f5" : "#18181b",
    valid: dark ? "rgba(52, 211, 153, 0.35)" : "rgba(16, 185, 129, 0.3)",
    expiry: dark ? "#fbbf24" : "#b45309",
    test: dark ? "#a78bfa" : "#7c3aed",
    refresh: dark ? "#38bdf8" : "#0284c7",
    api: dark ? "#fbbf24" : "#b45309",
    manual: dark ? "#2dd4bf" : "#0f766e",
  };
}

export type ChartColors = ReturnType<typeof chartColors>;

export const axisStyle = (colors: ChartColors): uPlot.Axis => ({
  stroke: colors.axis,
  grid: { stroke: colors.grid, width: 1 },
  ticks: { stroke: colors.grid, width: 1, size: 4 },
  font: "11px system-ui, sans-serif",
});

/** A time axis whose labels share one format and keep clear of each other at any width. */
export const timeAxis = (colors: ChartColors): uPlot.Axis => ({
  ...axisStyle(colors),
  space: 64,
  values: (_u, splits, _axis, _space, step) => timeTickLabels(splits, step),
});
