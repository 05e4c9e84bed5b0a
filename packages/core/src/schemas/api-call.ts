import { z } from "zod";
import { headerKeyProblem } from "../shared/header-names.ts";
import { tenantSchema } from "../shared/tenant-rules.ts";
import { sentRequestSchema } from "./evidence.ts";
import { profileRef } from "./profile.ts";

/** The methods an API call made from Authdeck (the console, a health check) may use. */
export const API_CALL_METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
] as const;

export const API_CALL_BODY_TYPES = ["none", "json", "form"] as const;
export type ApiCallBodyType = (typeof API_CALL_BODY_TYPES)[number];

export const API_CALL_STATUSES = ["queued", "running", "answered", "failed"] as const;
export type ApiCallStatusName = (typeof API_CALL_STATUSES)[number];

/** Whether a call has its outcome: the console stops following it then. */
export const isCallOver = (call: { status: ApiCallStatusName }) =>
  call.status === "answered" || call.status === "failed";

export const API_CALL_LIMITS = {
  path: 2000,
  query: 4000,
  headers: 30,
  headerValue: 4000,
  bodyBytes: 64 * 1024,
} as const;

/** A path relative to the API Base URL, as the console and the health checks take it. */
export const apiCallPathSchema = z
  .string()
  .trim()
  .min(1, "Path is required")
  .max(API_CALL_LIMITS.path, `Path must be at most ${API_CALL_LIMITS.path} characters`)
  .refine((p) => p.startsWith("/"), "Path starts with / (it is relative to the API Base URL)");

const headerSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the header's name")
    .superRefine((name, ctx) => {
      const problem = headerKeyProblem(name);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  value: z
    .string()
    .max(
      API_CALL_LIMITS.headerValue,
      `A header value is at most ${API_CALL_LIMITS.headerValue} characters`,
    )
    .refine((v) => !/[\r\n\0]/.test(v), "A header value cannot hold line breaks"),
});

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** The request a person sends from the console ("Try a request"). */
export const apiCallRequestSchema = z
  .object({
    method: z.enum(API_CALL_METHODS, { message: "Choose a method" }),
    path: apiCallPathSchema,
    /** Without its "?": `a=1&b=2`. */
    query: z
      .string()
      .trim()
      .max(API_CALL_LIMITS.query, `Query must be at most ${API_CALL_LIMITS.query} characters`)
      .transform((q) => q.replace(/^\?/, ""))
      .refine((q) => !/[\s#]/.test(q), "Query cannot hold spaces or # (percent-encode them)")
      .default(""),
    headers: z
      .array(headerSchema)
      .max(API_CALL_LIMITS.headers, `At most ${API_CALL_LIMITS.headers} headers`)
      .default([]),
    bodyType: z.enum(API_CALL_BODY_TYPES).default("none"),
    body: z
      .string()
      .refine(
        (b) => new TextEncoder().encode(b).length <= API_CALL_LIMITS.bodyBytes,
        `Body must be at most ${API_CALL_LIMITS.bodyBytes / 1024} KiB`,
      )
      .default(""),
    /** With tenancy on, the tenant whose token the call uses. */
    tenant: z.union([z.literal(""), tenantSchema]).default(""),
  })
  .superRefine((request, ctx) => {
    if (request.bodyType === "none") return;
    if (request.method === "GET" || request.method === "HEAD")
      ctx.addIssue({
        code: "custom",
        path: ["bodyType"],
        message: `A ${request.method} request has no body: choose None, or another method`,
      });
    if (request.bodyType === "json" && request.body.trim() !== "" && !isJson(request.body))
      ctx.addIssue({ code: "custom", path: ["body"], message: "The body is not valid JSON" });
  });
export type ApiCallRequest = z.infer<typeof apiCallRequestSchema>;

export const sendApiCallInput = profileRef.extend({ request: apiCallRequestSchema });
export const apiCallRef = profileRef.extend({ callId: z.uuid() });
export const listApiCallsInput = profileRef.extend({
  limit: z.number().int().min(1).max(50).default(20),
});

export const apiCallOutput = z.object({
  id: z.string(),
  status: z.enum(API_CALL_STATUSES),
  method: z.string(),
  path: z.string(),
  tenant: z.string(),
  requestedBy: z.string().nullable(),
  queuedAt: z.date(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  sentRequest: sentRequestSchema.nullable(),
  httpStatus: z.number().nullable(),
  responseHeaders: z.record(z.string(), z.string()).nullable(),
  responseBody: z.string().nullable(),
  responseBytes: z.number().nullable(),
  responseNote: z.string().nullable(),
  replayed: z.boolean(),
  errorClass: z.string().nullable(),
  errorMessage: z.string().nullable(),
});
export type ApiCallView = z.infer<typeof apiCallOutput>;

/** A call in the history: what it was and how it ended, without the bodies (opened one at a time). */
export const apiCallSummaryOutput = apiCallOutput.pick({
  id: true,
  status: true,
  method: true,
  path: true,
  tenant: true,
  requestedBy: true,
  queuedAt: true,
  durationMs: true,
  httpStatus: true,
  errorMessage: true,
});
export type ApiCallSummary = z.infer<typeof apiCallSummaryOutput>;

export const listApiCallsOutput = z.object({
  /** The console needs somewhere to call: without an API Base URL it cannot send. */
  hasApiBaseUrl: z.boolean(),
  calls: z.array(apiCallSummaryOutput),
});
export const sentApiCallOutput = z.object({ callId: z.string() });
