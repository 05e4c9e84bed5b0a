export { auditFilterOptions, listAuditEvents } from "./list-audit-events.ts";
export { type AuditActor, type AuditEntry, recordAudit } from "./record-audit.ts";
