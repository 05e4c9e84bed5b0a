import { ERROR_CODES } from "@authdeck/core/api-calls";
import { FIELD_TYPES } from "@authdeck/core/client";
import { z } from "zod";

/**
 * The token API's answers. The route shapes each answer by parsing it through these schemas, and
 * the OpenAPI document (openapi.ts) is generated from the same schemas, so the two cannot drift.
 */

export const tokenAnswerSchema = z.object({
  access_token: z.string(),
  token_type: z.string().meta({ example: "Bearer" }),
  expires_at: z.iso.datetime(),
  expires_in: z
    .number()
    .int()
    .nonnegative()
    .describe("Whole seconds from this answer until expires_at.")
    .meta({ example: 3540 }),
  fields: z
    .array(
      z.object({
        type: z.enum(FIELD_TYPES),
        key: z.string(),
        value: z.string(),
      }),
    )
    .describe("Authorization fields the caller adds to its own API calls, where each type says."),
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

export const errorAnswerSchema = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.string()).optional(),
});
