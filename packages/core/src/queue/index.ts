export * from "./constants.ts";
export { forgetWorker, liveWorkers, recordHeartbeat } from "./heartbeat.ts";
export { assertNoEviction, createRedis, untilReady } from "./redis.ts";
export * from "./run-events.ts";
export * from "./token-queue.ts";
