export * from "./app-error.ts";
export * from "./database-errors.ts";
