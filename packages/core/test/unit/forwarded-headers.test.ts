// @module-tag resilience
import { describe, expect, it } from "vitest";
import {
  forwardedRequestHeaders,
  returnedResponseHeaders,
} from "../../src/api-calls/forwarded-headers.ts";

const names = (headers: Array<[string, string]>) => headers.map(([name]) => name);

describe("header hygiene", () => {
  const hopByHop: Array<[string, string]> = [
    ["Connection", "keep-alive, X-Hop"],
    ["Keep-Alive", "timeout=5"],
    ["TE", "trailers"],
    ["Trailer", "X-Sum"],
    ["Transfer-Encoding", "chunked"],
    ["Upgrade", "websocket"],
    ["Proxy-Authorization", "Basic abc"],
    ["Proxy-Connection", "keep-alive"],
    ["Host", "authdeck.example"],
    ["Content-Length", "12"],
    ["X-Forwarded-For", "203.0.113.9"],
    ["X-Forwarded-Host", "authdeck.example"],
    ["Forwarded", "for=203.0.113.9"],
    ["X-Hop", "named by Connection"],
  ];

  it("forwards none of the hop's headers, nor those Connection names", () => {
    expect(forwardedRequestHeaders([...hopByHop, ["Accept", "application/json"]])).toEqual([
      ["Accept", "application/json"],
    ]);
  });

  it("keeps the caller's API key, cookies and tenant header from the API", () => {
    const kept = forwardedRequestHeaders([
      ["authorization", "Bearer adk_key"],
      ["cookie", "authdeck.session=abc"],
      ["authdeck-tenant", "acme"],
      ["x-request-id", "r-1"],
    ]);
    expect(names(kept)).toEqual(["x-request-id"]);
  });

  it("drops the caller's headers that Authdeck sets itself", () => {
    const kept = forwardedRequestHeaders(
      [
        ["X-Api-Key", "forged"],
        ["Accept", "*/*"],
      ],
      new Set(["x-api-key"]),
    );
    expect(kept).toEqual([["Accept", "*/*"]]);
  });

  it("returns none of the hop's headers and no cookie from the API", () => {
    const returned = returnedResponseHeaders([
      ...hopByHop,
      ["Set-Cookie", "session=api; Path=/"],
      ["Content-Type", "application/json"],
      ["Location", "https://api.example.com/next"],
    ]);
    expect(names(returned)).toEqual(["Content-Type", "Location"]);
  });
});
