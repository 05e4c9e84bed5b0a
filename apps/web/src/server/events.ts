import "server-only";
import { redisTargetOf } from "@authdeck/core/config";
import type { EventTopic } from "@authdeck/core/queue";
import { createEventWakeUps, type EventWakeUps } from "@authdeck/core/queue";
import { webEnv } from "~/env.ts";

// One Redis subscriber per web process, kept on globalThis like the other dependencies.
const holder = globalThis as typeof globalThis & { authdeckEvents?: EventWakeUps };

/** Core's event wake-ups (createEventWakeUps) over this process's one subscriber. */
export function wakeUps(
  topic: EventTopic<unknown>,
  signal: AbortSignal | undefined,
  pollMs = 3_000,
): AsyncGenerator<"event" | "timer"> {
  holder.authdeckEvents ??= createEventWakeUps(redisTargetOf(webEnv()));
  return holder.authdeckEvents.wakeUps(topic, signal, pollMs);
}
