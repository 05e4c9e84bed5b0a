export * from "./build-token-request.ts";
