import type { TransportFailure } from "../http/send-request.ts";

/**
 * Where a token request stands between attempts, for a person watching a test: the attempt
 * under way (or next), why the one before it failed, and when the next one starts (null while
 * an attempt is on its way).
 */
export type AttemptProgress = {
  attempt: number;
  previousError: string;
  retryAt: Date | null;
};

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1_000))} s`;

/** Why one attempt failed, short enough to follow "the first ...". */
export function describeFailedAttempt(
  failure: { transport: TransportFailure } | { httpStatus: number },
): string {
  if ("httpStatus" in failure) return `got HTTP ${failure.httpStatus}`;
  const { kind, durationMs } = failure.transport;
  switch (kind) {
    case "timeout":
      return `timed out after ${seconds(durationMs)}`;
    case "connection_refused":
      return "was refused a connection";
    case "dns_error":
      return "could not find the host";
    default:
      return "failed on the network";
  }
}
