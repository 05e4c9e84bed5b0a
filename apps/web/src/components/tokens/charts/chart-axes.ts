/**
 * A latency chart's y scale: from 0 to a round number above the slowest request. uPlot's own
 * range for a single point (or equal points) is a sliver around it, labelled only "0".
 */
export function latencyRange(_min: number | null, max: number | null): [number, number] {
  const top = max !== null && max > 0 ? max * 1.2 : 100;
  const power = 10 ** Math.floor(Math.log10(top));
  const step = [1, 2, 5, 10].find((m) => m * power >= top) ?? 10;
  return [0, step * power];
}

/**
 * A history chart's time scale, in seconds: a margin either side, so the bars of the first and
 * last requests are drawn whole instead of cut in half at the edges. A single request gets a
 * few minutes around it (uPlot would span a day in milliseconds, years in our seconds).
 */
export function timeRange(min: number, max: number): [number, number] {
  if (max <= min) return [min - 150, min + 150];
  const margin = Math.max((max - min) * 0.04, 5);
  return [min - margin, max + margin];
}

const clock = (withSeconds: boolean) =>
  new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
  });
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });

/**
 * The labels of a time axis, all in one format chosen by the step between ticks: uPlot's own
 * puts the date under the first tick only, which makes it wider than the space left for it.
 */
export function timeTickLabels(splits: number[], stepSeconds: number): string[] {
  const format = stepSeconds >= 86_400 ? day : clock(stepSeconds < 60);
  return splits.map((seconds) => format.format(new Date(seconds * 1000)));
}
