import "server-only";
import { AppError } from "@authdeck/core/errors";
import type { EventTopic } from "@authdeck/core/queue";
import { TRPCError } from "@trpc/server";
import type { ServerDeps } from "./deps.ts";
import { toTRPCError } from "./errors.ts";
import { wakeUps } from "./events.ts";
import { webMetrics } from "./metrics.ts";

/** A live stream checks access again on every wake-up, and wakes up at least this often. */
export const RECHECK_MS = 5_000;

const RECONNECT = "Live updates reconnect now and then to check access again; reconnecting";

/** What a stream needs from the context of a signed-in procedure. */
export type StreamContext = Pick<ServerDeps, "limits"> & {
  session: { id: string };
  /** Throws the refusal a new call would get, once the caller may no longer see the stream. */
  stillAllowed: () => Promise<void>;
};

export type StreamSource<T> = {
  /** The events that say "look again". */
  topic: EventTopic<unknown>;
  /** Read again at least this often, and at once on a message. */
  pollMs: number;
  read: () => Promise<T>;
  /** Whether a new read is worth sending; without it, every read is. */
  changed?: (before: T, after: T) => boolean;
  /** The stream ends once it has sent a value this says is final. */
  final?: (value: T) => boolean;
};

// Open streams per session, in this process only: each web process counts its own.
const holder = globalThis as typeof globalThis & { authdeckStreams?: Map<string, number> };

function takeSlot(sessionId: string, limit: number): () => void {
  holder.authdeckStreams ??= new Map();
  const open = holder.authdeckStreams;
  const count = open.get(sessionId) ?? 0;
  if (count >= limit) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `Too many live updates are open for this session: at most ${limit} on this server. Close other Authdeck tabs, then reconnect.`,
    });
  }
  open.set(sessionId, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(sessionId) ?? 1) - 1;
    if (left > 0) open.set(sessionId, left);
    else open.delete(sessionId);
  };
}

/**
 * Every subscription streams through here. The value is read when the stream opens, then again
 * on each message of the channel and at least every `pollMs`. Before anything is read or sent,
 * access is checked again (the session still signed in, the membership and role still
 * allowing it): once it is gone the stream ends with the refusal a new call would get. A session
 * holds a limited number of streams on this process, and each stream ends after a lifetime with
 * a retryable error, on which the client reconnects and is checked from scratch.
 */
export async function* liveStream<T>(
  ctx: StreamContext,
  signal: AbortSignal | undefined,
  source: StreamSource<T>,
): AsyncGenerator<T> {
  const release = takeSlot(ctx.session.id, ctx.limits.liveStreamsPerSession);
  const closed = webMetrics().streamOpened();
  const lifetime = new AbortController();
  const timer = setTimeout(() => lifetime.abort(), ctx.limits.liveStreamLifetimeMs);
  const stop = signal ? AbortSignal.any([signal, lifetime.signal]) : lifetime.signal;
  try {
    let last = await source.read();
    yield last;
    if (source.final?.(last)) return;
    let readAt = Date.now();
    const every = Math.min(source.pollMs, RECHECK_MS);
    for await (const reason of wakeUps(source.topic, stop, every)) {
      await ctx.stillAllowed();
      if (reason === "timer" && Date.now() - readAt < source.pollMs) continue;
      const next = await source.read();
      readAt = Date.now();
      if (!source.changed || source.changed(last, next)) yield next;
      last = next;
      if (source.final?.(last)) return;
    }
    if (lifetime.signal.aborted && !signal?.aborted) {
      // A retryable code: the client reconnects by itself (an ended stream would just stop).
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: RECONNECT });
    }
  } catch (error) {
    // Thrown while streaming, past every middleware: mapped here, or a domain refusal would
    // reach the browser as an internal error.
    throw error instanceof AppError ? toTRPCError(error) : error;
  } finally {
    clearTimeout(timer);
    release();
    closed();
  }
}
