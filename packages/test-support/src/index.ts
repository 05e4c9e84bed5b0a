export * from "./api-server.ts";
export * from "./fixtures.ts";
export * from "./oidc-provider.ts";
export * from "./private-services.ts";
export * from "./redis-dump.ts";
export * from "./resource-server.ts";
export * from "./test-database.ts";
export * from "./token-server.ts";
