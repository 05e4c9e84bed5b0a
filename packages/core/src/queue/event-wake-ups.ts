import type { RedisTarget } from "../config/redis-env.ts";
import type { EventTopic } from "./events.ts";
import { createRedis, type RedisClient } from "./redis.ts";

type Listener = () => void;

/**
 * One Redis subscriber per process, shared by everyone waiting on a topic: channels are
 * subscribed while someone listens and dropped after.
 */
class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly redis: RedisClient;

  constructor(target: RedisTarget | string) {
    // A subscriber waits for Redis to come back, as a worker does, and subscribes again.
    this.redis = createRedis(target, "worker");
    this.redis.on("error", () => {});
    // Messages only say "look again": subscribers re-read the row, which is the truth.
    this.redis.on("message", (channel: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener();
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

  close() {
    this.redis.disconnect();
  }
}

export type EventWakeUps = {
  /**
   * Wakes up on every message of a topic's channel ("event"), and at least every `pollMs`
   * ("timer"): events are a shortcut, the row is the truth, so a lost event only delays the
   * update. Messages are not read: any message on the channel means "look again".
   */
  wakeUps: (
    topic: EventTopic<unknown>,
    signal: AbortSignal | undefined,
    pollMs?: number,
  ) => AsyncGenerator<"event" | "timer">;
  close: () => void;
};

/** A process's event wake-ups, its subscriber connected on first use. */
export function createEventWakeUps(redis: RedisTarget | string): EventWakeUps {
  let hub: EventHub | undefined;
  async function* wakeUps(
    topic: EventTopic<unknown>,
    signal: AbortSignal | undefined,
    pollMs = 3_000,
  ): AsyncGenerator<"event" | "timer"> {
    hub ??= new EventHub(redis);
    let wake: (() => void) | undefined;
    let pending = false;
    const stop = hub.listen(topic.channel, () => {
      pending = true;
      wake?.();
    });
    try {
      while (!signal?.aborted) {
        if (!pending) {
          await new Promise<void>((resolve) => {
            // Each wait removes what it added: a stream open for hours must not pile up listeners.
            const done = () => {
              clearTimeout(timer);
              signal?.removeEventListener("abort", done);
              resolve();
            };
            wake = done;
            const timer = setTimeout(done, pollMs);
            signal?.addEventListener("abort", done);
          });
        }
        const reason = pending ? "event" : "timer";
        pending = false;
        if (signal?.aborted) return;
        yield reason;
      }
    } finally {
      stop();
    }
  }
  return { wakeUps, close: () => hub?.close() };
}
