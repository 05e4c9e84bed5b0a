import "server-only";
import { copyRequest } from "./copy-request.ts";

/**
 * The largest request body the API reads: far above any form or a large profile import, and
 * small enough that a client cannot make a web process buffer megabytes of JSON.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Headers for every answer that refuses a body over the limit. The part of the body never read
 * is still on the connection, so it cannot carry another request: kept alive, the client's next
 * request on it fails with ECONNRESET (on Node 24 after every refusal, as its streams read part of
 * the body before the refusal stops them; on Node 20 after a chunked body). Closed, the client
 * opens a new one.
 */
export const REFUSED_BODY_HEADERS: Readonly<Record<string, string>> = { connection: "close" };

/**
 * A copy of `request` whose body fails with `tooLarge()` as soon as it passes `maxBytes`, or at
 * once when its Content-Length already says so: nothing past the limit is ever buffered.
 */
export function limitBody(request: Request, maxBytes: number, tooLarge: () => Error): Request {
  const source = request.body;
  if (!source) return request;
  const declared = Number(request.headers.get("content-length"));
  let seen = 0;
  const limiter = new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      if (declared > maxBytes) controller.error(tooLarge());
    },
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) controller.error(tooLarge());
      else controller.enqueue(chunk);
    },
  });
  return copyRequest(request, { body: source.pipeThrough(limiter) });
}

class BodyTooLarge extends Error {}

/**
 * `request` with its body read into memory, or null when the body passes `maxBytes`: for
 * handlers that read bodies their own way and would not tell a size refusal from bad JSON.
 */
export async function bufferBody(request: Request, maxBytes: number): Promise<Request | null> {
  if (!request.body) return request;
  try {
    const body = await limitBody(request, maxBytes, () => new BodyTooLarge()).arrayBuffer();
    return copyRequest(request, { body });
  } catch (error) {
    if (error instanceof BodyTooLarge) return null;
    throw error;
  }
}
