import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { PEER_ADDRESS_HEADER, trackPeerAddresses } from "~/server/client-address.ts";

/**
 * `request` as Next 16 hands it to a route handler that does not set `dynamic`: a NextRequest
 * wrapped in a Proxy that notes which parts the handler reads (`proxyNextRequest` in
 * next/dist/server/route-modules/app-route/module.js). Its reads go to the NextRequest, with
 * methods bound to it, as there; a Proxy does not carry the NextRequest's private fields.
 */
export function asNextPassesIt(request: Request): Request {
  // What the web process (src/main.ts) adds to every request before Next.js sees it.
  const headers = new Headers(request.headers);
  headers.set(PEER_ADDRESS_HEADER, "127.0.0.1");
  return proxied(
    new NextRequest(request.url, {
      method: request.method,
      headers,
      body: request.body,
      signal: request.signal,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]),
  );
}

function proxied(request: NextRequest): Request {
  return new Proxy(request, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Headers Next does not copy from a handler's Response (`sendResponse` in next/dist/server). */
const NOT_COPIED = new Set(["content-length", "content-encoding", "transfer-encoding"]);

/**
 * A real HTTP server on a free loopback port that calls `handler` as `next start` does: a
 * NextRequest whose body is the Node request stream itself, behind the Proxy above, at `baseUrl`;
 * the Response's status, headers and body written back as Next writes them. What happens to the
 * connection (kept alive, closed, reset) is then Node's own doing, as in production.
 */
export async function serveLikeNext(
  baseUrl: string,
  handler: (request: Request) => Promise<Response>,
) {
  // As the web process (src/main.ts) does.
  trackPeerAddresses();
  const server = createServer(async (req, res) => {
    const closed = new AbortController();
    res.on("close", () => closed.abort());
    try {
      const response = await handler(proxied(nextRequestOf(req, baseUrl, closed.signal)));
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        if (!NOT_COPIED.has(name)) res.appendHeader(name, value);
      });
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(error);
      res.statusCode = 500;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function nextRequestOf(req: IncomingMessage, baseUrl: string, signal: AbortSignal) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value ?? []].flat()) headers.append(name, one);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new NextRequest(new URL(req.url ?? "/", baseUrl), {
    method: req.method,
    headers,
    body: hasBody ? (req as unknown as ReadableStream) : null,
    signal,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}
