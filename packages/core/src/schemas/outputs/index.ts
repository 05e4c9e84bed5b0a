export * from "./account.ts";
export * from "./api-key.ts";
export * from "./app.ts";
export * from "./audit.ts";
export * from "./profile.ts";
export * from "./team.ts";
export * from "./test-run.ts";
export * from "./token.ts";
