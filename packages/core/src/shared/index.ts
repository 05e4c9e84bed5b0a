// The rules that forms, schemas and use-cases share. Nothing here touches the database, Redis,
// node: modules or secrets, so the browser may load all of it; the domain depends on this
// folder, never the other way round.
export * from "./calendar-day.ts";
export * from "./curl.ts";
export * from "./email-addresses.ts";
export * from "./field-errors.ts";
export * from "./field-types.ts";
export * from "./header-names.ts";
export * from "./health-status.ts";
export * from "./likely-fix.ts";
export * from "./name-rules.ts";
export * from "./notification-events.ts";
export * from "./placeholders.ts";
export * from "./profile-limits.ts";
export * from "./roles.ts";
export * from "./run-status.ts";
export * from "./secret-urls.ts";
export * from "./tenant-rules.ts";
export * from "./token-state.ts";
export * from "./url-rules.ts";
