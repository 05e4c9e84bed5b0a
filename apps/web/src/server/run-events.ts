import "server-only";
import { type RunEvent, runChannel } from "@authdeck/core/queue";
import { Redis } from "ioredis";
import { webEnv } from "~/env.ts";

type Listener = (event: RunEvent) => void;

/**
 * One Redis subscriber per web process, shared by every open stream: channels are subscribed
 * while someone listens and dropped after.
 */
class RunEventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: false });
    this.redis.on("error", () => {});
    this.redis.on("message", (channel: string, message: string) => {
      let event: RunEvent;
      try {
        event = JSON.parse(message);
      } catch {
        return;
      }
      for (const listener of this.listeners.get(channel) ?? []) listener(event);
    });
  }

  listen(channel: string, listener: Listener): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      void this.redis.subscribe(channel).catch(() => {});
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(channel);
        void this.redis.unsubscribe(channel).catch(() => {});
      }
    };
  }
}

const holder = globalThis as typeof globalThis & { authdeckRunEvents?: RunEventHub };

/**
 * Wakes up on every event of a run, and at least every `pollMs` (events are a shortcut: the
 * row is the truth, so a lost event only delays the update).
 */
export async function* runWakeUps(
  prefix: string,
  runId: string,
  signal: AbortSignal | undefined,
  pollMs = 3_000,
) {
  holder.authdeckRunEvents ??= new RunEventHub(webEnv().REDIS_URL);
  let wake: (() => void) | undefined;
  let pending = false;
  const stop = holder.authdeckRunEvents.listen(runChannel(prefix, runId), () => {
    pending = true;
    wake?.();
  });
  try {
    while (!signal?.aborted) {
      if (!pending) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          const timer = setTimeout(resolve, pollMs);
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      pending = false;
      if (signal?.aborted) return;
      yield;
    }
  } finally {
    stop();
  }
}
