export * from "./app.ts";
export * from "./common.ts";
export * from "./team.ts";
