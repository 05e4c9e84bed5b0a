export * from "./build-token-request.ts";
export * from "./judge-response.ts";
export * from "./store-token.ts";
export * from "./token-facts.ts";
