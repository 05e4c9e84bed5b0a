"use client";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

type Props = {
  /** Everything but the size: the width follows the container. A new object rebuilds the chart. */
  options: Omit<uPlot.Options, "width" | "height">;
  data: uPlot.AlignedData;
  height: number;
  /** What the chart shows, for screen readers: the canvas itself says nothing. */
  label: string;
  /**
   * The values at a point in words, shown beside it on hover and, with the chart focused, as
   * the arrow keys move from point to point. Without it the chart has no tooltip.
   */
  describe?: (index: number) => string;
};

type Tip = { index: number; x: number; y: number };

/** A uPlot chart that fills its container's width; new data redraws it without rebuilding. */
export function UplotChart({ options, data, height, label, describe }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
  const [tip, setTip] = useState<Tip | null>(null);
  const tipId = useId();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const follow = (u: uPlot) => {
      const index = u.cursor.idx;
      const x = index === null || index === undefined ? undefined : u.data[0][index];
      if (index === null || index === undefined || x === undefined) return setTip(null);
      // The plot area sits inside the chart, right of and below the axes.
      setTip({
        index,
        x: u.over.offsetLeft + u.valToPos(x, "x"),
        y: u.over.offsetTop + (u.cursor.top ?? 0),
      });
    };
    const plot = new uPlot(
      {
        ...options,
        width: element.clientWidth || 300,
        height,
        hooks: { ...options.hooks, setCursor: [...(options.hooks?.setCursor ?? []), follow] },
      },
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
      setTip(null);
    };
  }, [options, height]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  /** Puts uPlot's cursor on point `index`, at the first series that has a value there. */
  function point(index: number) {
    const plot = chart.current;
    const x = plot?.data[0][index];
    if (!plot || x === undefined) return;
    const value = plot.data.slice(1).find((series) => series[index] != null)?.[index];
    const top = value == null ? plot.over.clientHeight / 2 : plot.valToPos(value, "y");
    plot.setCursor({ left: plot.valToPos(x, "x"), top });
  }

  function onKeyDown(event: KeyboardEvent) {
    const last = (chart.current?.data[0].length ?? 0) - 1;
    if (last < 0) return;
    const at = tip?.index ?? last;
    const next = {
      ArrowLeft: Math.max(0, at - 1),
      ArrowRight: Math.min(last, at + 1),
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    point(next);
  }

  const width = box.current?.clientWidth ?? 0;
  // The height is set before uPlot draws, so the page keeps the chart's room from the start.
  return (
    <div className="relative min-w-0">
      <div
        ref={box}
        role="img"
        aria-label={label}
        className="w-full overflow-hidden rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100"
        style={{ height }}
        {...(describe && {
          tabIndex: 0,
          "aria-describedby": tipId,
          onKeyDown,
          onFocus: () =>
            point(chart.current?.data[0].length ? chart.current.data[0].length - 1 : 0),
          onBlur: () => chart.current?.setCursor({ left: -10, top: -10 }),
        })}
      />
      {describe && (
        // Read out as the arrow keys move; kept inside the chart's box, on the side with room.
        <div
          id={tipId}
          role="status"
          className={
            tip
              ? "pointer-events-none absolute z-10 w-max rounded-md border border-zinc-200 bg-white px-2 py-1 text-xs text-zinc-900 shadow-sm dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
              : "sr-only"
          }
          style={
            tip
              ? {
                  top: Math.max(0, Math.min(tip.y - 36, height - 28)),
                  maxWidth: Math.max(120, width / 2 - 8),
                  ...(tip.x > width / 2 ? { right: width - tip.x + 8 } : { left: tip.x + 8 }),
                }
              : undefined
          }
        >
          {tip ? describe(tip.index) : ""}
        </div>
      )}
    </div>
  );
}
