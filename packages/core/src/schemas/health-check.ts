import { z } from "zod";
import { HEALTH_STATUSES } from "../shared/health-status.ts";
import { tenantSchema } from "../shared/tenant-rules.ts";
import { API_CALL_METHODS, apiCallPathSchema } from "./api-call.ts";
import { profileRef } from "./profile.ts";

export const HEALTH_CHECK_LIMITS = { minMinutes: 1, maxMinutes: 60 } as const;

/** A profile's health check as its form sends it. */
export const healthCheckSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  intervalMinutes: z
    .number({ message: "Enter a number of minutes" })
    .int("Enter a whole number of minutes")
    .min(HEALTH_CHECK_LIMITS.minMinutes, "Check at most every minute")
    .max(HEALTH_CHECK_LIMITS.maxMinutes, "Check at least every 60 minutes"),
  method: z.enum(API_CALL_METHODS, { message: "Choose a method" }),
  path: apiCallPathSchema,
  expectedStatus: z
    .number({ message: "Enter a status code such as 200" })
    .int("Enter a status code such as 200")
    .min(100, "Expected status is between 100 and 599")
    .max(599, "Expected status is between 100 and 599"),
  /** With tenancy on, the tenant whose token the check uses. */
  tenant: z.union([z.literal(""), tenantSchema]).default(""),
});
export type HealthCheckSettings = z.infer<typeof healthCheckSettingsSchema>;

export const saveHealthCheckInput = profileRef.extend({ check: healthCheckSettingsSchema });

export const healthCheckResultOutput = z.object({
  id: z.string(),
  healthy: z.boolean(),
  httpStatus: z.number().nullable(),
  durationMs: z.number(),
  errorClass: z.string().nullable(),
  errorMessage: z.string().nullable(),
  responseHeaders: z.record(z.string(), z.string()).nullable(),
  responseBody: z.string().nullable(),
  checkedAt: z.date(),
});

export const healthCheckOutput = z.object({
  check: healthCheckSettingsSchema
    .extend({
      status: z.enum(HEALTH_STATUSES),
      lastCheckedAt: z.date().nullable(),
      lastError: z.string().nullable(),
      nextCheckAt: z.date(),
    })
    .nullable(),
  /** A check needs somewhere to call: without an API Base URL it cannot be set up. */
  hasApiBaseUrl: z.boolean(),
  results: z.array(healthCheckResultOutput),
});

/** Each profile's health in an app, for the profile list and the Tokens page. */
export const appHealthOutput = z.array(
  z.object({ profileId: z.string(), status: z.enum(HEALTH_STATUSES) }),
);

export const savedHealthCheckOutput = z.object({ id: z.string() });
export const checkHealthNowOutput = z.object({ profileId: z.string() });
