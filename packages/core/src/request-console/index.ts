export * from "./fail-lost-api-calls.ts";
export * from "./get-api-calls.ts";
export * from "./run-api-call.ts";
export * from "./send-api-call.ts";
