/**
 * A request with `request`'s URL, method, headers, body and abort signal, with the given headers
 * or body in their place. Never `new Request(request, ...)`: Next hands route handlers a Proxy around its
 * NextRequest, and the fetch of Node 24 (undici 7) reads the source request's private `#state`,
 * which a Proxy cannot give ("Cannot read private member #state"); Node 20's undici 6 read a
 * symbol key instead.
 */
export function copyRequest(
  request: Request,
  replace: { headers?: Headers; body?: BodyInit | null },
): Request {
  const body = "body" in replace ? replace.body : request.body;
  return new Request(request.url, {
    method: request.method,
    headers: replace.headers ?? request.headers,
    signal: request.signal,
    // `duplex` is what Node's fetch needs for a streamed body; the DOM typings do not know it.
    ...(body ? { body, duplex: "half" } : {}),
  } as RequestInit);
}
