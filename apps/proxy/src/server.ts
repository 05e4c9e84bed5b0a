import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  validateHeaderName,
  validateHeaderValue,
} from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type ProxyReply, type ProxyServiceDeps, serveProxyCall } from "@authdeck/core/api-calls";
import type { ProxyMetrics } from "@authdeck/core/metrics";

// Methods without a request body unless the caller sends one (length or chunked).
const hasBody = (request: IncomingMessage) =>
  request.headers["transfer-encoding"] !== undefined ||
  Number(request.headers["content-length"] ?? 0) > 0;

/** The request's headers as name/value pairs, several values of one name kept apart. */
function headerPairs(request: IncomingMessage): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
  return pairs;
}

/** The reply's headers Node accepts; one it refuses (a byte outside Latin-1) is dropped. */
function acceptedHeaders(reply: ProxyReply): string[] {
  const flat: string[] = [];
  for (const [name, value] of reply.headers) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
      flat.push(name, value);
    } catch {
      // Dropped, not a failed call (the web route's Headers drops the same).
    }
  }
  return flat;
}

async function handle(
  deps: ProxyServiceDeps,
  request: IncomingMessage,
  response: ServerResponse,
  metrics: Pick<ProxyMetrics, "callAnswered"> | undefined,
) {
  const arrived = performance.now();
  // The caller going away (its connection closed before the answer ended) aborts the API call.
  const gone = new AbortController();
  response.on("close", () => {
    if (!response.writableFinished) gone.abort();
  });
  const target = request.url ?? "/";
  const query = target.indexOf("?");
  const reply = await serveProxyCall(deps, {
    authorization: request.headers.authorization ?? null,
    method: request.method ?? "GET",
    pathname: query === -1 ? target : target.slice(0, query),
    search: query === -1 ? "" : target.slice(query),
    headers: headerPairs(request),
    body: hasBody(request) ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : null,
    signal: gone.signal,
  });
  response.writeHead(reply.status, acceptedHeaders(reply));
  metrics?.callAnswered({ status: reply.status, durationMs: performance.now() - arrived });
  if (reply.body === null) {
    response.end();
  } else if (reply.body instanceof Uint8Array) {
    response.end(reply.body);
  } else {
    // Read only as fast as the caller takes it; a caller gone destroys the API's body too.
    await pipeline(
      Readable.fromWeb(reply.body as import("node:stream/web").ReadableStream),
      response,
    );
  }
}

/**
 * The proxy as its own process: a plain node:http server answering any method on
 * /api/v1/apps/{appId}/profiles/{profileId}/proxy/{path} with core's serveProxyCall, the same
 * code the web's route runs, without Next.js's request handling in front of it.
 */
export function createProxyServer(
  deps: ProxyServiceDeps,
  metrics?: Pick<ProxyMetrics, "callAnswered">,
): Server {
  const server = createServer((request, response) => {
    handle(deps, request, response, metrics).catch((error: unknown) => {
      // A stream cut by either side mid-answer: the status is sent, only the connection can go.
      if (!gone(error)) deps.log.warn({ err: error }, "proxied answer not finished");
      response.destroy();
    });
  });
  // Services keep their connections: each new one would cost a handshake per call.
  server.keepAliveTimeout = 65_000;
  return server;
}

const gone = (error: unknown) =>
  error instanceof Error &&
  ["ERR_STREAM_PREMATURE_CLOSE", "ABORT_ERR", "ECONNRESET"].includes(
    (error as NodeJS.ErrnoException).code ?? "",
  );
