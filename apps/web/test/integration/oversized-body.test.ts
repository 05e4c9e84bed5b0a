// @module-tag resilience
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  createUser,
  type Server,
  type SignedInUser,
  startServer,
} from "../support/harness.ts";

const server: Server = await startServer("body_limit");
const { handleTrpcRequest } = await import("~/server/trpc-handler.ts");
const { MAX_BODY_BYTES } = await import("~/server/body-limit.ts");
let person: SignedInUser;

beforeAll(async () => {
  person = await createUser(server.db, "Big sender");
});
afterAll(async () => server.close());

/** team.create with a name padded to make the body `bytes` long. */
const bodyOf = (bytes: number) => {
  const empty = JSON.stringify({ json: { name: "" } });
  return JSON.stringify({ json: { name: "a".repeat(bytes - empty.length) } });
};

async function post(body: BodyInit, headers: Record<string, string> = {}) {
  const request = new Request(`${baseUrl}/api/trpc/team.create`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", origin: baseUrl, ...headers },
    duplex: "half",
  } as RequestInit);
  const response = await handleTrpcRequest(
    request,
    async () => server.context(person, baseUrl),
    () => server.context(person, baseUrl).log,
  );
  return { status: response.status, body: await response.json() };
}

/** A body sent in 64 KiB chunks with no Content-Length, as a chunked upload arrives. */
function chunked(text: string) {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

describe("request bodies", () => {
  it("refuses a 2 MiB body with 413 whether or not it declares its length, creating nothing", async () => {
    const before = await server.db.team.count();
    const big = bodyOf(2 * 1024 * 1024);
    for (const answer of [
      await post(big, { "content-length": String(big.length) }),
      await post(chunked(big)),
    ]) {
      expect(answer.status).toBe(413);
      expect(answer.body.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
      expect(answer.body.error.json.message).toBe("The request is larger than 1 MiB");
    }
    expect(await server.db.team.count()).toBe(before);
  });

  it("reads a body right at the limit as usual", async () => {
    const answer = await post(chunked(bodyOf(MAX_BODY_BYTES)));
    // Read and validated: the name is too long, which only a parsed body can tell.
    expect(answer.status).toBe(400);
    expect(answer.body.error.json.data.fieldErrors).toHaveProperty("name");
  });
});
