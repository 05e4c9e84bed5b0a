/** A request body: all of it when it ended within the limit, else what was read and the rest. */
export type ReadBody =
  | { complete: true; bytes: Uint8Array }
  | { complete: false; stream: AsyncIterable<Uint8Array> };

/**
 * Reads a body up to `limit` bytes. A body that ends within it is kept whole (it can be sent
 * twice: the replay after a refreshed token); a longer one is handed on as a stream of the
 * chunks already read and the rest, never held in memory.
 */
export async function readUpTo(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<ReadBody> {
  if (!body) return { complete: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { complete: true, bytes: concat(head, size) };
    head.push(value);
    size += value.byteLength;
    if (size > limit) return { complete: false, stream: rest(head, reader) };
  }
}

async function* rest(
  head: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  try {
    yield* head.splice(0);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
