"use client";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

type Props = {
  /** Everything but the size: the width follows the container. A new object rebuilds the chart. */
  options: Omit<uPlot.Options, "width" | "height">;
  data: uPlot.AlignedData;
  height: number;
  /** What the chart shows, for screen readers: the canvas itself says nothing. */
  label: string;
};

/** A uPlot chart that fills its container's width; new data redraws it without rebuilding. */
export function UplotChart({ options, data, height, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const plot = new uPlot(
      { ...options, width: element.clientWidth || 300, height },
      latest.current,
      element,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  // The height is set before uPlot draws, so the page keeps the chart's room from the start.
  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      className="w-full overflow-hidden"
      style={{ height }}
    />
  );
}
