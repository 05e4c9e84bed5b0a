import { describe, expect, it } from "vitest";
import { formatTable, kib, ms } from "../src/table.ts";

describe("formatTable", () => {
  it("pads every column to its widest cell and marks targets missed", () => {
    const table = formatTable([
      { measurement: "Test", figure: "p50", value: "90 ms", target: "≤ 150 ms", met: true },
      { measurement: "List", figure: "p95", value: "72.0 ms", target: "≤ 50 ms", met: false },
      { measurement: "Floor", figure: "p50", value: "0.80 ms", target: "", met: null },
    ]);
    expect(table.split("\n")).toEqual([
      "| # | measurement | figure | result  | target   | met |",
      "|---|-------------|--------|---------|----------|-----|",
      "| 1 | Test        | p50    | 90 ms   | ≤ 150 ms | yes |",
      "| 2 | List        | p95    | 72.0 ms | ≤ 50 ms  | NO  |",
      "| 3 | Floor       | p50    | 0.80 ms |          |     |",
    ]);
  });
});

describe("units", () => {
  it("rounds milliseconds by size and shows KiB with one decimal", () => {
    expect(ms(1234.4)).toBe("1234 ms");
    expect(ms(42.26)).toBe("42.3 ms");
    expect(ms(0.8123)).toBe("0.81 ms");
    expect(kib(61_952)).toBe("60.5 KiB");
  });
});
