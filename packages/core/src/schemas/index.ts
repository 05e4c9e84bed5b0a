export * from "./api-key.ts";
export * from "./app.ts";
export * from "./common.ts";
export * from "./evidence.ts";
export * from "./profile.ts";
export * from "./team.ts";
export * from "./text-rules.ts";
export * from "./user.ts";
