export * from "./constants.ts";
export { createEventWakeUps, type EventWakeUps } from "./event-wake-ups.ts";
export * from "./events.ts";
export { forgetWorker, liveWorkers, recordHeartbeat } from "./heartbeat.ts";
export * from "./job-ids.ts";
export * from "./payloads.ts";
export {
  assertNoEviction,
  bullPrefix,
  createRedis,
  describeRedis,
  type RedisClient,
  untilReady,
} from "./redis.ts";
export * from "./token-queue.ts";
