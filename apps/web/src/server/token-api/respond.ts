import "server-only";
import { errorReplyOf, NO_STORE_HEADERS } from "@authdeck/core/api-calls";
import { errorAnswerSchema } from "./answer.ts";

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...NO_STORE_HEADERS, ...headers } });

/** The token API's answer to a failure: core's one mapping (errorReplyOf), as JSON. */
export function errorResponse(error: unknown): Response {
  const reply = errorReplyOf(error);
  return json(errorAnswerSchema.parse(reply.body), reply.status, reply.headers);
}
