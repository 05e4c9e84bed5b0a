export * from "./constants.ts";
export { forgetWorker, liveWorkers, recordHeartbeat } from "./heartbeat.ts";
export { assertNoEviction, createRedis, untilReady } from "./redis.ts";
