import { errors, request as undiciRequest } from "undici";
import type { AddressPolicy } from "./address-policy.ts";
import {
  assertUrlAllowed,
  createGuardedDispatcher,
  EgressBlockedError,
  type TlsOptions,
} from "./egress-guard.ts";
import { refusedCertificateMessage, tlsFailureMessage } from "./tls-failures.ts";

export type SendLimits = {
  connectMs: number;
  headersMs: number;
  /** Between two pieces of the body: an idle timeout, which a steady drip never trips. */
  bodyMs: number;
  /** The whole attempt, from connecting to the last byte, however the provider paces it. */
  totalMs: number;
  maxBodyBytes: number;
};

export const DEFAULT_SEND_LIMITS: SendLimits = {
  connectMs: 5_000,
  headersMs: 10_000,
  bodyMs: 10_000,
  totalMs: 15_000,
  maxBodyBytes: 1024 * 1024,
};

export type HttpExchange = {
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
};

export type TransportFailureKind =
  | "blocked_destination"
  | "timeout"
  | "connection_refused"
  | "tls_error"
  | "dns_error"
  | "body_too_large"
  | "network_error";

/** Why no HTTP answer came back, in words a person can act on. */
export class TransportFailure extends Error {
  override name = "TransportFailure";
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
    readonly durationMs: number,
    /** The provider was answering, too slowly for the deadline: asking again would not help. */
    readonly answerTooSlow = false,
  ) {
    super(message);
  }
}

/** A request as it goes out: what the egress guard checks and sendRequest sends. */
export type OutgoingRequest = {
  /** GET only for reading a provider's metadata; its body is not sent. */
  method: "POST" | "GET";
  url: string;
  headers: Array<[string, string]>;
  body: string;
};

/**
 * Sends one token request through the egress guard. Redirects are never followed (the 3xx comes
 * back as it is), the body is read up to `maxBodyBytes`, and the whole exchange ends at
 * `totalMs`, so a provider sending one byte a second cannot hold a worker's slot for long.
 */
export async function sendRequest(
  request: OutgoingRequest,
  options: { policy: AddressPolicy; limits?: SendLimits; tls?: TlsOptions },
): Promise<HttpExchange> {
  const limits = options.limits ?? DEFAULT_SEND_LIMITS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(request.url);
  try {
    assertUrlAllowed(url, options.policy);
  } catch (error) {
    throw new TransportFailure("blocked_destination", (error as Error).message, elapsed());
  }
  const dispatcher = createGuardedDispatcher(
    options.policy,
    { connectMs: limits.connectMs, headersMs: limits.headersMs, bodyMs: limits.bodyMs },
    undefined,
    options.tls,
  );
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.totalMs);
  let answering = false;
  try {
    const response = await undiciRequest(url, {
      method: request.method,
      // undici takes a flat [name, value, name, value...] array, not pairs.
      headers: request.headers.flat(),
      body: request.method === "GET" ? null : request.body,
      dispatcher,
      signal: deadline.signal,
    });
    answering = true;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > limits.maxBodyBytes) {
        response.body.destroy();
        throw new TransportFailure(
          "body_too_large",
          `The response body is larger than ${Math.round(limits.maxBodyBytes / 1024)} KiB; reading stopped there`,
          elapsed(),
        );
      }
      chunks.push(chunk as Buffer);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    return {
      status: response.statusCode,
      headers,
      body: Buffer.concat(chunks).toString("utf8"),
      durationMs: elapsed(),
    };
  } catch (error) {
    if (error instanceof TransportFailure) throw error;
    if (deadline.signal.aborted) {
      const within = `${limits.totalMs} ms, the deadline for one attempt`;
      throw answering
        ? new TransportFailure(
            "timeout",
            `${url.host} was still sending its answer after ${within}`,
            elapsed(),
            true,
          )
        : new TransportFailure("timeout", `${url.host} sent no answer within ${within}`, elapsed());
    }
    throw transportFailureOf(error, url, limits, elapsed(), {
      clientCertificate: Boolean(options.tls?.cert),
    });
  } finally {
    clearTimeout(timer);
    void dispatcher.destroy().catch(() => {});
  }
}

/** Why a request through the egress guard got no HTTP answer, from what undici threw. */
export function transportFailureOf(
  error: unknown,
  url: URL,
  limits: Pick<SendLimits, "connectMs" | "headersMs" | "bodyMs">,
  durationMs: number,
  sent: { clientCertificate?: boolean } = {},
): TransportFailure {
  const cause = (error as { cause?: unknown }).cause;
  const root =
    error instanceof EgressBlockedError
      ? error
      : cause instanceof EgressBlockedError
        ? cause
        : undefined;
  if (root) return new TransportFailure("blocked_destination", root.message, durationMs);
  const code = String(
    (error as { code?: string }).code ?? (cause as { code?: string } | undefined)?.code ?? "",
  );
  const host = url.host;
  if (error instanceof errors.ConnectTimeoutError) {
    return new TransportFailure(
      "timeout",
      `No connection to ${host} within ${limits.connectMs} ms`,
      durationMs,
    );
  }
  if (error instanceof errors.HeadersTimeoutError) {
    return new TransportFailure(
      "timeout",
      `${host} sent no answer within ${limits.headersMs} ms`,
      durationMs,
    );
  }
  if (error instanceof errors.BodyTimeoutError) {
    return new TransportFailure(
      "timeout",
      `${host} stopped sending its answer for ${limits.bodyMs} ms`,
      durationMs,
    );
  }
  if (code === "ECONNREFUSED")
    return new TransportFailure("connection_refused", `${host} refused the connection`, durationMs);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new TransportFailure(
      "dns_error",
      `The name ${url.hostname} could not be resolved`,
      durationMs,
    );
  }
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code)) {
    return new TransportFailure("tls_error", tlsFailureMessage(host, code), durationMs);
  }
  // TLS 1.3 finishes the client's side of the handshake before the server has checked its
  // certificate: a refusal arrives as a closed socket, which undici reports without the alert.
  if (sent.clientCertificate && code === "UND_ERR_SOCKET" && nothingRead(error)) {
    return new TransportFailure("tls_error", refusedCertificateMessage(host), durationMs);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransportFailure(
    "network_error",
    `The request to ${host} failed: ${code || message}`,
    durationMs,
  );
}

const nothingRead = (error: unknown) =>
  (error as { socket?: { bytesRead?: number } }).socket?.bytesRead === 0;
