"use client";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/**
 * "3 minutes ago", "in 2 hours", "12 seconds ago": never more than one of its unit away from
 * the exact span, so it agrees with the live countdowns beside it.
 */
export function formatRelative(value: Date, now: Date): string {
  const seconds = Math.trunc((value.getTime() - now.getTime()) / 1000);
  if (seconds === 0) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}

export const formatDuration = (ms: number) =>
  ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** "1h 02m", "4m 09s", "12s" for a number of seconds left. */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/**
 * One clock for the whole page, ticking on each whole second: every countdown, "expires in" and
 * "5 seconds ago" renews on the same tick, so no two times on a screen drift apart.
 */
const clock = {
  now: Date.now(),
  listeners: new Set<() => void>(),
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
};

function tick() {
  clock.now = Date.now();
  for (const listener of clock.listeners) listener();
  clock.timer = setTimeout(tick, 1_000 - (clock.now % 1_000));
}

function subscribe(listener: () => void) {
  clock.listeners.add(listener);
  if (clock.timer === undefined) {
    // Stopped while nothing showed a time: start from now, not from when it stopped.
    clock.now = Date.now();
    clock.timer = setTimeout(tick, 1_000 - (clock.now % 1_000));
    listener();
  }
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0 && clock.timer !== undefined) {
      clearTimeout(clock.timer);
      clock.timer = undefined;
    }
  };
}

const readClock = () => clock.now;

/** The page's clock: the current time, renewed every second on the tick all times share. */
export function useNow(): Date {
  const ms = useSyncExternalStore(subscribe, readClock, readClock);
  return useMemo(() => new Date(ms), [ms]);
}

/** `value`, once it has stopped changing for `delayMs`. */
export function useDebouncedValue<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
