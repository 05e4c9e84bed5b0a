import { Readable } from "node:stream";
import { type Dispatcher, request as undiciRequest } from "undici";
import type { AddressPolicy } from "../http/address-policy.ts";
import { assertUrlAllowed } from "../http/egress-guard.ts";
import { transportFailureOf } from "../http/send-request.ts";
import { ApiCallError } from "./api-call-error.ts";

export type ProxyLimits = {
  connectMs: number;
  /** Until the API's status line and headers. */
  headersMs: number;
  /** Between two pieces of the API's body: an idle timeout, which a long steady stream never trips. */
  idleBodyMs: number;
  /** A request body up to this size is kept, so the call can be replayed with a new token. */
  replayBufferBytes: number;
  /** A JSON or form body that takes Payload fields is read whole, up to this size. */
  maxPayloadBodyBytes: number;
};

export const DEFAULT_PROXY_LIMITS: ProxyLimits = {
  connectMs: 5_000,
  headersMs: 30_000,
  idleBodyMs: 30_000,
  replayBufferBytes: 64 * 1024,
  maxPayloadBodyBytes: 1024 * 1024,
};

export type OutgoingApiCall = {
  method: string;
  url: URL;
  headers: Array<[string, string]>;
  body: Uint8Array | AsyncIterable<Uint8Array> | null;
};

/** The API's answer, its body still to be read (or cancelled) by the caller. */
export type UpstreamAnswer = {
  status: number;
  headers: Array<[string, string]>;
  body: ReadableStream<Uint8Array> | null;
  /** Drops the answer unread: its body and the connection. */
  discard: () => void;
};

// Statuses whose answer has no body (RFC 9110 §6.4.1); a Response refuses one for them.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Sends one API call through the egress guard: the URL checked, then sent on the team's
 * guarded dispatcher (team-dispatchers.ts), whose every connection goes to an allowed address.
 * Redirects come back as they are; the call is aborted with `signal` (the caller went away),
 * including the body being streamed.
 */
export async function forwardApiCall(
  call: OutgoingApiCall,
  options: {
    policy: AddressPolicy;
    dispatcher: Dispatcher;
    limits: ProxyLimits;
    signal?: AbortSignal | undefined;
  },
): Promise<UpstreamAnswer> {
  const { limits, dispatcher } = options;
  try {
    assertUrlAllowed(call.url, options.policy);
  } catch (error) {
    throw refused(error as Error);
  }
  let response: Dispatcher.ResponseData;
  try {
    response = await undiciRequest(call.url, {
      method: call.method as Dispatcher.HttpMethod,
      headers: call.headers.flat(),
      body:
        call.body === null
          ? null
          : call.body instanceof Uint8Array
            ? Buffer.from(call.body.buffer, call.body.byteOffset, call.body.byteLength)
            : Readable.from(call.body, { objectMode: false }),
      dispatcher,
      signal: options.signal,
    });
  } catch (error) {
    throw upstreamFailure(error, call.url, limits, options.signal);
  }
  // Destroying an unfinished body emits an "aborted" error: expected when the answer is
  // dropped (a replay, a caller gone), and seen by whoever is reading it through its iterator.
  response.body.on("error", () => {});
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.push([name, one]);
  }
  // An unfinished body destroyed closes its connection; a finished one leaves it for reuse.
  const discard = () => response.body.destroy();
  if (call.method === "HEAD" || NULL_BODY.has(response.statusCode)) {
    discard();
    return { status: response.statusCode, headers, body: null, discard: () => {} };
  }
  return {
    status: response.statusCode,
    headers,
    body: streamOf(response.body),
    discard,
  };
}

/**
 * The API's body as a web stream, read only as fast as the caller reads it (nothing piles up
 * in Authdeck); the API's connection is dropped when the caller stops reading.
 */
function streamOf(body: Dispatcher.ResponseData["body"]) {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(new Uint8Array(value as Buffer));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

function refused(error: Error): ApiCallError {
  return new ApiCallError(
    "authdeck",
    502,
    "destination_refused",
    `Authdeck's egress rules refuse the API Base URL's destination: ${error.message}`,
  );
}

function upstreamFailure(
  error: unknown,
  url: URL,
  limits: ProxyLimits,
  signal: AbortSignal | undefined,
): unknown {
  if (signal?.aborted) return error;
  const failure = transportFailureOf(
    error,
    url,
    {
      connectMs: limits.connectMs,
      headersMs: limits.headersMs,
      bodyMs: limits.idleBodyMs,
    },
    0,
  );
  if (failure.kind === "blocked_destination") return refused(failure);
  return failure.kind === "timeout"
    ? new ApiCallError("api", 504, "upstream_timeout", failure.message)
    : new ApiCallError("api", 502, "upstream_unreachable", failure.message);
}
