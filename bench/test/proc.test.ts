import { describe, expect, it } from "vitest";
import {
  cpuPercent,
  cpuSecondsOf,
  memoryOf,
  runQueuePercent,
  runQueueWaitSecondsOf,
} from "../src/proc.ts";

describe("cpuSecondsOf", () => {
  it("adds utime and stime, even when the command name holds spaces and parentheses", () => {
    const stat =
      "4242 (node (worker) x) S 1 4242 4242 0 -1 4194304 12000 0 0 0 1234 567 0 0 20 0 11 0 9000 1073741824 20000";
    expect(cpuSecondsOf(stat)).toBeCloseTo(18.01, 5);
  });

  it("refuses a line it cannot read", () => {
    expect(() => cpuSecondsOf("garbage")).toThrow("unreadable");
  });
});

describe("memoryOf", () => {
  it("reads VmRSS and VmHWM in bytes", () => {
    const status = "Name:\tnode\nVmPeak:\t 900000 kB\nVmHWM:\t  210000 kB\nVmRSS:\t  180000 kB\n";
    expect(memoryOf(status)).toEqual({ rssBytes: 180_000 * 1024, hwmBytes: 210_000 * 1024 });
  });
});

describe("runQueueWaitSecondsOf", () => {
  it("reads the second field, nanoseconds spent waiting to run", () => {
    expect(runQueueWaitSecondsOf("8123456789 2500000000 4242\n")).toBe(2.5);
    expect(() => runQueueWaitSecondsOf("")).toThrow("unreadable");
  });
});

describe("cpuPercent and runQueuePercent", () => {
  it("are CPU time and run-queue wait over wall time", () => {
    const from = { at: 0, cpuSeconds: 10, runQueueWaitSeconds: 1, rssBytes: 0, hwmBytes: 0 };
    const to = { at: 4_000, cpuSeconds: 11, runQueueWaitSeconds: 3, rssBytes: 0, hwmBytes: 0 };
    expect(cpuPercent(from, to)).toBe(25);
    expect(runQueuePercent(from, to)).toBe(50);
  });
});
