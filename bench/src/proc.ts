import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux this runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used (user + system), from the text of /proc/<pid>/stat. */
export function cpuSecondsOf(statText: string): number {
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its ")".
  const rest = statText.slice(statText.lastIndexOf(")") + 2).split(" ");
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error("unreadable stat line");
  return (utime + stime) / TICKS_PER_SECOND;
}

/** Resident and peak resident memory in bytes, from the text of /proc/<pid>/status. */
export function memoryOf(statusText: string): { rssBytes: number; hwmBytes: number } {
  const kibOf = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(statusText);
    if (!match) throw new Error(`no ${name} in status`);
    return Number(match[1]) * 1024;
  };
  return { rssBytes: kibOf("VmRSS"), hwmBytes: kibOf("VmHWM") };
}

/**
 * Seconds a process spent runnable but waiting for a CPU, from the text of /proc/<pid>/schedstat
 * (on-CPU ns, run-queue wait ns, time slices). High on a machine with more work than cores.
 */
export function runQueueWaitSecondsOf(schedstatText: string): number {
  const waited = Number(schedstatText.trim().split(/\s+/)[1]);
  if (!Number.isFinite(waited)) throw new Error("unreadable schedstat line");
  return waited / 1e9;
}

export type ProcessSample = {
  at: number;
  cpuSeconds: number;
  runQueueWaitSeconds: number;
  rssBytes: number;
  hwmBytes: number;
};

export function sampleProcess(pid: number): ProcessSample {
  return {
    at: performance.now(),
    cpuSeconds: cpuSecondsOf(readFileSync(`/proc/${pid}/stat`, "utf8")),
    runQueueWaitSeconds: runQueueWaitSecondsOf(readFileSync(`/proc/${pid}/schedstat`, "utf8")),
    ...memoryOf(readFileSync(`/proc/${pid}/status`, "utf8")),
  };
}

/** Share of one core used between two samples, in percent. */
export const cpuPercent = (from: ProcessSample, to: ProcessSample) =>
  ((to.cpuSeconds - from.cpuSeconds) / ((to.at - from.at) / 1000)) * 100;

/** Share of the wall time between two samples the process spent waiting for a CPU, in percent. */
export const runQueuePercent = (from: ProcessSample, to: ProcessSample) =>
  ((to.runQueueWaitSeconds - from.runQueueWaitSeconds) / ((to.at - from.at) / 1000)) * 100;
