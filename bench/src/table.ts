/** One line of the results table. `met` is null where the issue sets no target. */
export type ResultRow = {
  measurement: string;
  figure: string;
  value: string;
  target: string;
  met: boolean | null;
};

const HEADERS = ["#", "measurement", "figure", "result", "target", "met"];

const verdict = (met: boolean | null) => (met === null ? "" : met ? "yes" : "NO");

/** A Markdown table, padded so it reads as well in a terminal as in the rendered doc. */
export function formatTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((row, index) => [
    String(index + 1),
    row.measurement,
    row.figure,
    row.value,
    row.target,
    verdict(row.met),
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((line) => line[column]!.length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(" | ")} |`;
  return [
    line(HEADERS),
    `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`,
    ...cells.map(line),
  ].join("\n");
}

/** Milliseconds with a precision that suits their size. */
export const ms = (value: number) =>
  value >= 100
    ? `${value.toFixed(0)} ms`
    : value >= 10
      ? `${value.toFixed(1)} ms`
      : `${value.toFixed(2)} ms`;

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
