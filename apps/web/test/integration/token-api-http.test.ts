import { Agent, request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { useTokenApi } from "../support/token-api.ts";

// The token API's own HTTP, now that it answers on Node's server instead of through a Next.js
// route: methods, the headers every answer carries, and a GET sent with a body.
const { api } = await useTokenApi("token_api_http");
const path = "/api/v1/apps/some-app/profiles/some-profile/token";

const expectApiHeaders = (headers: Headers) => {
  expect(headers.get("content-type")).toBe("application/json");
  expect(headers.get("cache-control")).toBe("no-store");
  expect(headers.get("pragma")).toBe("no-cache");
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(headers.get("content-security-policy")).toContain("default-src 'self'");
  expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
};

describe("the token API over HTTP", () => {
  it("answers GET with its JSON and the headers every API answer carries", async () => {
    const response = await fetch(new URL(path, api.origin));
    expect(response.status).toBe(401);
    expectApiHeaders(response.headers);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="authdeck"');
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  });

  it("answers HEAD as GET, without the body", async () => {
    const get = await fetch(new URL(path, api.origin));
    const head = await fetch(new URL(path, api.origin), { method: "HEAD" });
    expect(head.status).toBe(get.status);
    expectApiHeaders(head.headers);
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
    expect(await head.text()).toBe("");
  });

  it("refuses every other method with 405 and Allow, before looking at the key", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const response = await fetch(new URL(path, api.origin), {
        method,
        headers: { authorization: "Bearer not-a-key" },
      });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), method).toBe("GET, HEAD");
      expectApiHeaders(response.headers);
      expect(await response.json(), method).toEqual({
        error: "invalid_request",
        message: "The token API answers GET only",
      });
    }
  });

  it("answers a GET sent with a body and keeps the connection for the next request", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        // Node's client frames a GET's body only when told its length.
        const headers = { "content-length": String(Buffer.byteLength(body)) };
        const request = httpRequest(
          new URL(path, api.origin),
          { method: "GET", agent, headers },
          (res) => {
            res.resume();
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, reused: request.reusedSocket }),
            );
          },
        );
        request.on("error", reject);
        request.end(body);
      });
    try {
      expect(await send("x".repeat(256 * 1024))).toEqual({ status: 401, reused: false });
      expect(await send("")).toEqual({ status: 401, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
