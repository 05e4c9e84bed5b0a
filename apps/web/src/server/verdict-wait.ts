import "server-only";
import type { EventTopic } from "@authdeck/core/queue";
import { wakeUps } from "./events.ts";

/** A missed event (one published before the subscription took) costs at most this much. */
const POLL_MS = 100;

/**
 * The value once `done` says so, if that happens within `waitMs`; null otherwise, and null if a
 * read fails (the caller then follows the value some other way). Read at once, then on each
 * event of `topic` (or every POLL_MS). Test uses it to answer the verdict of a fast provider
 * with the start call, instead of the page opening a live stream and reading the run again:
 * the round trips after the verdict were most of press → verdict.
 */
export async function readWhenDone<T>(
  topic: EventTopic<unknown>,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  waitMs: number,
  signal?: AbortSignal,
): Promise<T | null> {
  if (waitMs <= 0) return null;
  const finished = new AbortController();
  const stops = [finished.signal, AbortSignal.timeout(waitMs), ...(signal ? [signal] : [])];
  const events = wakeUps(topic, AbortSignal.any(stops), POLL_MS);
  // Starts the generator: it adds its listener (and subscribes) before the first read below.
  let next = events.next();
  try {
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if ((await next).done) return null;
      next = events.next();
    }
  } catch {
    return null;
  } finally {
    // Ends a wait in progress, and a generator stopped at a yield (a wake-up came during the
    // last read): either way its own finally then removes the listener.
    finished.abort();
    void events.return(undefined);
  }
}
