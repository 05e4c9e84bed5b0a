export * from "./constants.ts";
export { forgetWorker, liveWorkers, recordHeartbeat } from "./heartbeat.ts";
export { assertNoEviction, createRedis, untilReady } from "./redis.ts";
export { type RunEvent, runChannel } from "./run-events.ts";
export {
  createTokenQueue,
  enqueueTokenTest,
  type TokenQueue,
  type TokenTestPayload,
  tokenTestPayload,
} from "./token-queue.ts";
