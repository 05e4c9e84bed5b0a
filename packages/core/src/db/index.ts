export { createDb, type Db } from "./client.ts";
export * from "./generated/client.ts";
