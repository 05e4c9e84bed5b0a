/**
 * Authorization field types and their labels, kept free of zod so that pages which only show
 * them do not load the schemas.
 */
export const FIELD_TYPES = ["header", "payload", "query", "path"] as const;
export const FIELD_TYPE_LABELS = {
  header: "Header",
  payload: "Payload",
  query: "Query String",
  path: "Path Param",
} as const;
