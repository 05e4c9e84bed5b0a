/** Which side of a proxied call failed: Authdeck, the token provider, or the API called. */
export type FailureSide = "authdeck" | "token-provider" | "api";

export type ApiCallErrorCode =
  | "destination_refused"
  | "payload_too_large"
  | "token_unavailable"
  | "upstream_timeout"
  | "upstream_unreachable";

/**
 * A proxied call that got no answer from the API, for a reason the caller can be told: the
 * destination refused by the egress rules, no token, the API too slow or unreachable. Messages
 * name hosts and limits, never a secret.
 */
export class ApiCallError extends Error {
  override name = "ApiCallError";
  constructor(
    readonly side: FailureSide,
    readonly status: number,
    readonly code: ApiCallErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
