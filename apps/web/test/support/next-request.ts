import { NextRequest } from "next/server";

/**
 * `request` as Next 16 hands it to a route handler that does not set `dynamic`: a NextRequest
 * wrapped in a Proxy that notes which parts the handler reads (`proxyNextRequest` in
 * next/dist/server/route-modules/app-route/module.js). Its reads go to the NextRequest, with
 * methods bound to it, as there; a Proxy does not carry the NextRequest's private fields.
 */
export function asNextPassesIt(request: Request): Request {
  const next = new NextRequest(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
  return new Proxy(next, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
